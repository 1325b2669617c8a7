; Pairs, lists, equivalence.
(cons 1 2)                           ; => (1 . 2)
(car '(1 2))                         ; => 1
(cdr '(1 2))                         ; => (2)
(car '())                            ; !! not a pair
(cadr '(1 2 3))                      ; => 2
(cddr '(1 2 3))                      ; => (3)
(list 1 2 3)                         ; => (1 2 3)
(length '(1 2 3))                    ; => 3
(length '(1 . 2))                    ; !! not a proper list
(append '(1) '(2 3) '() '(4 . 5))    ; => (1 2 3 4 . 5)
(append)                             ; => ()
(append '() 'a)                      ; => a
(reverse '(1 2 3))                   ; => (3 2 1)
(list-tail '(1 2 3 4) 2)             ; => (3 4)
(list-ref '(a b c) 1)                ; => b
(list-ref '(a b c) 5)                ; !! not a pair
(memq 'c '(a b c d))                 ; => (c d)
(member "b" '("a" "b"))              ; => ("b")
(member 2 '(1 2 3) (lambda (a b) (= a b))) ; => (2 3)
(assq 'b '((a 1) (b 2)))             ; => (b 2)
(assv 2 '((1 . one) (2 . two)))      ; => (2 . two)
(assoc "b" '(("a" . 1) ("b" . 2)))   ; => ("b" . 2)
(assoc 3 '((1 . a) (3 . b)) =)       ; => (3 . b)
(map + '(1 2 3) '(10 20 30))         ; => (11 22 33)
(map (lambda (x) (* x x)) '(1 2 3))  ; => (1 4 9)
(let ((acc '())) (for-each (lambda (x) (set! acc (cons x acc))) '(1 2 3)) acc) ; => (3 2 1)
(filter odd? '(1 2 3 4 5))           ; => (1 3 5)
(fold-left - 0 '(1 2 3))             ; => -6
(fold-right cons '() '(1 2 3))       ; => (1 2 3)
(reduce + 0 '(1 2 3 4))              ; => 10
(iota 5)                             ; => (0 1 2 3 4)
(make-list 2 'x)                     ; => (x x)
(list-copy '(1 2))                   ; => (1 2)
(let ((l (list 1 2 3))) (set-car! (cdr l) 'x) l) ; => (1 x 3)
(let ((l (list 1 2))) (set-cdr! l 9) l) ; => (1 . 9)
(pair? '(1))                         ; => #t
(null? '())                          ; => #t
(list? '(1 2))                       ; => #t
(list? '(1 . 2))                     ; => #f
(let ((l (list 1 2))) (set-cdr! (cdr l) l) (list? l)) ; => #f
(eq? 'a 'a)                          ; => #t
(eq? '() '())                        ; => #t
(eqv? 100000000000000000000 100000000000000000000) ; => #t
(eq? (list 1) (list 1))              ; => #f
(equal? (list 1 (vector 2 "x")) (list 1 (vector 2 "x"))) ; => #t
(equal? "abc" "abd")                 ; => #f
(equal? #u8(1 2) #u8(1 2))           ; => #t
(symbol? 'a)                         ; => #t
(procedure? car)                     ; => #t
(procedure? (lambda () 1))           ; => #t
(procedure? 'car)                    ; => #f
(boolean? #f)                        ; => #t
(not 0)                              ; => #f
(length (map (lambda (x) x) (iota 20000))) ; => 20000
(let ((l (list 1 2 3))) (set-cdr! (cddr l) l) (length l)) ; !! circular list
(let ((l (list 1 2 3))) (set-cdr! (cddr l) l) l) ; => (1 2 3 1 ...)
