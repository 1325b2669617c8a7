"esc\t\x3bb;\\ \"q\"" #\space #\newline #\λ #true #false ((((nested))))
