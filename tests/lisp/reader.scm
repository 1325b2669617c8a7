; Reader and printer: every datum below is quoted and must print back as
; written (or in the printer's canonical form).
'(1 2 3)                      ; => (1 2 3)
'(1 . 2)                      ; => (1 . 2)
'(1 2 . 3)                    ; => (1 2 . 3)
'(a . (b . (c . ())))         ; => (a b c)
'()                           ; => ()
'#(1 "two" #\3)               ; => #(1 "two" #\3)
'#()                          ; => #()
'#u8(0 1 255)                 ; => #u8(0 1 255)
'[deadBEEF]                   ; => #u8(222 173 190 239)
'[de ad]                      ; => #u8(222 173)
'[]                           ; => #u8()
"a\tb\nc\\d\"e"               ; => "a\tb\nc\\d\"e"
"\x41;\x3bb;"                 ; => "Aλ"
"λ€𝄞"                         ; => "λ€𝄞"
(string-length "λ€𝄞")         ; => 3
"line\
   continued"                 ; => "linecontinued"
#\a                           ; => #\a
#\space                       ; => #\space
#\x41                         ; => #\A
#\λ                           ; => #\λ
#\newline                     ; => #\newline
#\(                           ; => #\(
#t                            ; => #t
#false                        ; => #f
'sym                          ; => sym
'|hello world|                ; => |hello world|
'|a\|b|                       ; => |a\|b|
'||                           ; => ||
(symbol->string '|x\x41;y|)   ; => "xAy"
'FooBar                       ; => FooBar
'(quote x)                    ; => 'x
''x                           ; => 'x
'`(a ,b ,@c)                  ; => `(a ,b ,@c)
'@x                           ; => @x
'(deref x)                    ; => @x
'(unquote (deref x))          ; => , @x
12345678901234567890123       ; => 12345678901234567890123
-42                           ; => -42
+7                            ; => 7
#xff                          ; => 255
#b-101                        ; => -5
#o777                         ; => 511
'(+ - ... ->x)                ; => (+ - ... ->x)
'(1 #;(hidden) 2)             ; => (1 2)
'(1 #| block #| nested |# |# 2) ; => (1 2)
'(a ; comment
  b)                          ; => (a b)
(read "(1 2")                 ; !! unterminated list
(read ")")                    ; !! unexpected )
(read "#<foo>")               ; !! unknown # syntax
(read "\"abc")                ; !! unterminated string
(read "(1 . )")               ; !! bad datum after .
(read "(1 . 2 3)")            ; !! more than one datum after .
(read "#\\bogus")             ; !! unknown character name
(read "[abc]")                ; !! odd number of hex digits
(read "1.5")                  ; !! bad number
(read "")                     ; => #<eof>
(read "  ; only a comment")   ; => #<eof>
(read-error? (guard (e (#t e)) (read "(")))   ; => #t
(write-to-string '(a "b" #\c))       ; => "(a \"b\" #\\c)"
(display-to-string '(a "b" #\c))     ; => "(a b c)"
(equal? (read (write-to-string '(1 (2 #(3 "x" #\y)) . z))) '(1 (2 #(3 "x" #\y)) . z)) ; => #t
