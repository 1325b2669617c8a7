; Strings (immutable UTF-8), characters and symbols.
(string-length "héllo")              ; => 5
(string-ref "héllo" 1)               ; => #\é
(string-ref "abc" 3)                 ; !! index out of range
(substring "héllo wörld" 6 11)       ; => "wörld"
(substring "abc" 1)                  ; => "bc"
(string-append "a" "β" "c")          ; => "aβc"
(string->list "aλb")                 ; => (#\a #\λ #\b)
(list->string '(#\x #\y))            ; => "xy"
(string #\a #\b)                     ; => "ab"
(make-string 3 #\z)                  ; => "zzz"
(string-copy "abc")                  ; => "abc"
(string=? "abc" "abc" "abc")         ; => #t
(string<? "abc" "abd")               ; => #t
(string<? "ab" "abc")                ; => #t
(string>? "b" "a")                   ; => #t
(string-upcase "Hello")              ; => "HELLO"
(string-downcase "Hello")            ; => "hello"
(string->symbol "foo")               ; => foo
(eq? (string->symbol "foo") 'foo)    ; => #t
(symbol->string 'bar)                ; => "bar"
(string->symbol "with space")        ; => |with space|
(symbol=? 'a 'a 'a)                  ; => #t
(char->integer #\A)                  ; => 65
(integer->char 955)                  ; => #\λ
(integer->char 55296)                ; !! not a Unicode scalar value
(char-upcase #\a)                    ; => #\A
(char-downcase #\A)                  ; => #\a
(char-alphabetic? #\a)               ; => #t
(char-numeric? #\5)                  ; => #t
(char-whitespace? #\space)           ; => #t
(char<? #\a #\b #\c)                 ; => #t
(char-upper-case? #\Q)               ; => #t
(string-map char-upcase "abc")       ; => "ABC"
(let ((n 0)) (string-for-each (lambda (c) (set! n (+ n 1))) "λλλ") n) ; => 3
(string->utf8 "λ")                   ; => #u8(206 187)
(utf8->string #u8(206 187))          ; => "λ"
(utf8->string #u8(255))              ; !! not valid UTF-8
(write-to-string "a\x7;b")           ; => "\"a\\ab\""
(write-to-string #\x1)               ; => "#\\x1"
(write-to-string '|a;b|)             ; => "|a;b|"
(string-length 5)                    ; !! not a string
(let ((p (open-output-string))) (write 'a p) (display " " p) (write "b" p) (newline p) (write-char #\λ p) (get-output-string p)) ; => "a \"b\"\nλ"
(get-output-string (current-output-port)) ; !! not a string port
(display "x" 5)                      ; !! not an output port
