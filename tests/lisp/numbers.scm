; Exact integers: fixnums, bignums and the boundary between them.
(+ 1 2 3)                            ; => 6
(+)                                  ; => 0
(*)                                  ; => 1
(- 5)                                ; => -5
(- 10 1 2)                           ; => 7
(* 6 7)                              ; => 42
(/ 12 3)                             ; => 4
(/ 7 2)                              ; !! not an integer
(quotient 17 5)                      ; => 3
(quotient -17 5)                     ; => -3
(remainder -17 5)                    ; => -2
(modulo -17 5)                       ; => 3
(modulo 17 -5)                       ; => -3
(quotient 1 0)                       ; !! division by zero
(expt 2 10)                          ; => 1024
(expt 2 64)                          ; => 18446744073709551616
(expt 7 0)                           ; => 1
(* 4294967296 4294967296)            ; => 18446744073709551616
(- (expt 2 64) (expt 2 64))          ; => 0
(+ 36028797018963967 1)              ; => 36028797018963968
(- -36028797018963968 1)             ; => -36028797018963969
(- (+ 36028797018963967 1) 1)        ; => 36028797018963967
(fixnum? (- (+ 36028797018963967 1) 1)) ; => #t
(* -1 -36028797018963968)            ; => 36028797018963968
(quotient -36028797018963968 -1)     ; => 36028797018963968
(quotient (expt 10 30) 7)            ; => 142857142857142857142857142857
(remainder (expt 10 30) 7)           ; => 1
(modulo (- (expt 10 30)) 7)          ; => 6
(quotient (expt 2 200) (expt 2 100)) ; => 1267650600228229401496703205376
(< 1 2 3)                            ; => #t
(< 1 3 2)                            ; => #f
(>= 3 3 2)                           ; => #t
(= 1 1 2)                            ; => #f
(> (expt 2 70) (expt 2 69))          ; => #t
(< (- (expt 2 70)) (- (expt 2 69)))  ; => #t
(< 'a 1)                             ; !! not an integer
(+ 1 "2")                            ; !! not an integer
(number->string 255 16)              ; => "ff"
(number->string -255 2)              ; => "-11111111"
(number->string (expt 3 50))         ; => "717897987691852588770249"
(string->number "12345678901234567890") ; => 12345678901234567890
(string->number "-77" 8)             ; => -63
(string->number "12x")               ; => #f
(string->number "")                  ; => #f
(abs -5)                             ; => 5
(abs (- (expt 2 60)))                ; => 1152921504606846976
(min 3 1 2)                          ; => 1
(max 3 1 2)                          ; => 3
(gcd 12 18)                          ; => 6
(lcm 4 6)                            ; => 12
(even? 10)                           ; => #t
(odd? -3)                            ; => #t
(zero? 0)                            ; => #t
(square 12)                          ; => 144
(exact-integer? (expt 2 99))         ; => #t
(integer? "1")                       ; => #f
(call-with-values (lambda () (exact-integer-sqrt 17)) list) ; => (4 1)
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1))))) ; => fact
(fact 30)                            ; => 265252859812191058636308480000000
(define (fib n) (let loop ((a 0) (b 1) (i 0)) (if (= i n) a (loop b (+ a b) (+ i 1))))) ; => fib
(fib 100)                            ; => 354224848179261915075
