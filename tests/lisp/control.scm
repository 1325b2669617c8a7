; Tail calls, continuations, dynamic-wind, values, exceptions, eval.
(define (count n) (if (= n 0) 'done (count (- n 1)))) ; => count
(count 100000)                       ; => done
(define (even2? n) (if (= n 0) #t (odd2? (- n 1))))   ; => even2?
(define (odd2? n) (if (= n 0) #f (even2? (- n 1))))   ; => odd2?
(even2? 100001)                      ; => #f
(let loop ((i 0)) (cond ((= i 50000) i) (else (loop (+ i 1))))) ; => 50000
(do ((i 0 (+ i 1))) ((= i 50000) i)) ; => 50000
(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1))))) ; => deep
(deep 20000)                         ; => 20000
(call/cc (lambda (k) (+ 1 (k 42))))  ; => 42
(+ 1 (call/cc (lambda (k) 1)))       ; => 2
(define saved #f)                    ; => saved
(define runs 0)                      ; => runs
(begin (set! runs (+ runs (call/cc (lambda (k) (set! saved k) 1)))) runs) ; => 1
(let ((k #f) (n 0))
  (call/cc (lambda (c) (set! k c)))
  (set! n (+ n 1))
  (if (< n 5) (k 'again))
  n)                                 ; => 5
(define (gen-list)
  (let ((out '()))
    (for-each (lambda (x) (call/cc (lambda (k) (set! out (cons x out))))) '(1 2 3))
    out))                            ; => gen-list
(gen-list)                           ; => (3 2 1)
(let ((trail '()))
  (dynamic-wind
    (lambda () (set! trail (cons 'in trail)))
    (lambda () (set! trail (cons 'body trail)))
    (lambda () (set! trail (cons 'out trail))))
  (reverse trail))                   ; => (in body out)
(let ((trail '()))
  (call/cc (lambda (k)
    (dynamic-wind
      (lambda () (set! trail (cons 'in trail)))
      (lambda () (k 'escaped) (set! trail (cons 'not-here trail)))
      (lambda () (set! trail (cons 'out trail))))))
  (reverse trail))                   ; => (in out)
(let ((trail '()) (k2 #f) (n 0))
  (dynamic-wind
    (lambda () (set! trail (cons 'in trail)))
    (lambda () (call/cc (lambda (k) (set! k2 k))) (set! n (+ n 1)))
    (lambda () (set! trail (cons 'out trail))))
  (if (< n 2) (k2 'again))
  (reverse trail))                   ; => (in out in out)
(call-with-values (lambda () (values 1 2 3)) list) ; => (1 2 3)
(call-with-values (lambda () 5) (lambda (x) (* x x))) ; => 25
(call-with-values values list)       ; => ()
(values 1 2)                         ; => 1 2
(+ 1 (values 2))                     ; => 3
(apply + 1 2 '(3 4))                 ; => 10
(apply list '())                     ; => ()
(apply + 1 2)                        ; !! last argument is not a list
(guard (e (#t (list 'caught e))) (raise 'oops)) ; => (caught oops)
(guard (e ((symbol? e) 'sym) ((string? e) 'str)) (raise "x")) ; => str
(guard (e ((error-object? e) (error-object-message e))) (error "bad thing" 1 2)) ; => "bad thing"
(guard (e ((error-object? e) (error-object-irritants e))) (error "bad thing" 1 2)) ; => (1 2)
(guard (e (#f 'no)) (raise 'unhandled)) ; !! unhandled
(guard (e ((string? e) 'inner)) (guard (e2 ((number? e2) 'num)) (raise "s"))) ; => inner
(guard (e (else (error-object-message e))) (car 5)) ; => "not a pair"
(guard (e (else (error-object-message e))) (undefined-thing)) ; => "unbound variable"
(guard (e (else 'caught)) (vector-ref (vector) 0)) ; => caught
(guard (e (else 'after)) (dynamic-wind (lambda () #f) (lambda () (raise 'x)) (lambda () #f))) ; => after
(with-exception-handler
  (lambda (e) 10)
  (lambda () (+ 1 (raise-continuable 'c)))) ; => 11
(with-exception-handler
  (lambda (e) 10)
  (lambda () (+ 1 (raise 'nc))))     ; !! handler returned
(call/cc (lambda (k)
  (with-exception-handler
    (lambda (e) (k (list 'handled e)))
    (lambda () (error "boom")))))    ; => (handled #<error "boom">)
(error "top level" 'x 42)            ; !! "top level" x 42
(raise 'plain)                       ; !! plain
(eval '(+ 1 2))                      ; => 3
(eval '(define evaluated 5))         ; => evaluated
evaluated                            ; => 5
(eval '(if))                         ; !! bad syntax
(define forced 0)                    ; => forced
(define p (delay (begin (set! forced (+ forced 1)) forced))) ; => p
(list (force p) (force p))           ; => (1 1)
(define param (make-parameter 1))    ; => param
(list (param) (parameterize ((param 2)) (param)) (param)) ; => (1 2 1)
((lambda (x) x))                     ; !! wrong number of arguments
(car 1 2)                            ; !! wrong number of arguments
(5 5)                                ; !! not a procedure
(symbol? (gensym))                   ; => #t
(eq? (gensym) (gensym))              ; => #f
(let-values (((a b) (values 1 2)) ((c) (values 3))) (list a b c)) ; => (1 2 3)
(let*-values (((a . rest) (values 1 2 3)) ((b) (values (length rest)))) (list a rest b)) ; => (1 (2 3) 2)
(define-values (q r) (values 7 8))   ; => #<unspecified>
(list q r)                           ; => (7 8)
(define (local-values) (define-values (x y) (values 1 2)) (+ x y)) ; => local-values
(local-values)                       ; => 3
(define area
  (case-lambda
    ((r) (* 3 r r))
    ((w h) (* w h))
    ((a b . more) (list a b more)))) ; => area
(list (area 2) (area 2 5) (area 1 2 3 4)) ; => (12 10 (1 2 (3 4)))
((case-lambda ((x) x)) 1 2)          ; !! no clause takes
(define any-args (case-lambda (all all))) ; => any-args
(any-args 1 2)                       ; => (1 2)
(values)                             ; => 
(call-with-values (lambda () (values)) (lambda args (length args))) ; => 0
(write-to-string (list (expt 2 70) (vector (expt 3 50)) (- (expt 2 64)))) ; => "(1180591620717411303424 #(717897987691852588770249) -18446744073709551616)"
; Edge cases and error paths.
(let ())                 ; !! no syntax-rules pattern
(define)                 ; !! bad definition
(lambda)                 ; !! bad lambda
(let ((x)) x)            ; !! no syntax-rules pattern
`(1 #(a ,@(list 2 3)) ,@'())  ; => (1 #(a 2 3))
`(1 `(2 ,@(3 ,@(list 4 5))))  ; => (1 `(2 ,@(3 4 5)))
(define-syntax kw (syntax-rules () ((_ (a b) ...) (list (cons a b) ...)))) ; => kw
(kw (1 2) (3 4))         ; => ((1 . 2) (3 . 4))
(kw (1 2) (3))           ; !! no syntax-rules pattern
(apply max '(3 9 2))     ; => 9
(string->symbol "")      ; => ||
(symbol->string (string->symbol "a b")) ; => "a b"
(vector-ref '#(1 2) -1)  ; !! index out of range
(list-tail '(1 2) 5)     ; !! not a pair
(exact-integer? 'x)      ; => #f
(expt 2 -1)              ; !! nonnegative
(make-vector -1)         ; !! bad length
(integer->char 1114112)  ; !! not a Unicode
(substring "abc" 2 1)    ; !! index out of range
(hash-table-set! 5 1 2)  ; !! not a hash table
(dynamic-wind 1 2 3)     ; !! not a procedure
(call/cc 5)              ; !! not a procedure
(with-exception-handler 1 (lambda () (raise 'x))) ; !! not a procedure
(values 1 2 3)           ; => 1 2 3
(begin)                  ; => #<unspecified>
(define x 5)             ; => x
(set! y 1)               ; !! unbound
(eval '(let loop ((i 0)) (if (< i 10) (loop (+ i 1)) i))) ; => 10
