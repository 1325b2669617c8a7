; Special forms and derived syntax.
(define x 10)                       ; => x
x                                   ; => 10
(define (f a b) (+ a b))            ; => f
(f 1 2)                             ; => 3
((lambda (a . rest) rest) 1 2 3)    ; => (2 3)
((lambda args args))                ; => ()
(if #f 1)                           ; => #<unspecified>
(if '() 'yes 'no)                   ; => yes
(begin (set! x 11) x)               ; => 11
(let ((a 1) (b 2)) (+ a b))         ; => 3
(let* ((a 1) (b (+ a 1))) b)        ; => 2
(letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))
         (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))
  (ev? 100))                        ; => #t
(let loop ((i 0) (acc '())) (if (= i 3) acc (loop (+ i 1) (cons i acc)))) ; => (2 1 0)
(cond ((assv 2 '((1 . a) (2 . b))) => cdr) (else 'none)) ; => b
(cond (#f 1) ((+ 1 1)))             ; => 2
(cond (#f 1) (else 3))              ; => 3
(case 3 ((1 2) 'low) ((3 4) 'mid) (else 'high)) ; => mid
(case 9 ((1 2) 'low) (else => (lambda (x) (* x 2)))) ; => 18
(and 1 2 3)                         ; => 3
(and)                               ; => #t
(or #f #f)                          ; => #f
(or #f 5)                           ; => 5
(let ((t 5)) (or #f t))             ; => 5
(when (> 1 0) 'a 'b)                ; => b
(unless (> 1 0) 'a)                 ; => #<unspecified>
(do ((i 0 (+ i 1)) (s 0 (+ s i))) ((= i 5) s)) ; => 10
(define (g)
  (define a 1)
  (define (h) (* a 10))
  (h))                              ; => g
(g)                                 ; => 10
(define (uses-before) (define b c) (define c 1) b) ; => uses-before
(uses-before)                       ; !! used before its definition
`(1 ,(+ 1 1) ,@(list 3 4))          ; => (1 2 3 4)
`#(1 ,(+ 1 1))                      ; => #(1 2)
`(1 `(2 ,(3 ,(+ 1 3))))             ; => (1 `(2 ,(3 4)))
`(a . ,(+ 1 2))                     ; => (a . 3)
(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))  ; => swap!
(define p 1)                        ; => p
(define tmp 2)                      ; => tmp
(begin (swap! p tmp) (list p tmp))  ; => (2 1)
(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...)))))) ; => my-or
(let ((t 7)) (my-or #f t))          ; => 7
(define-syntax lit
  (syntax-rules (=>)
    ((_ a => b) (list a b))
    ((_ a b c) 'no-arrow)))         ; => lit
(lit 1 => 2)                        ; => (1 2)
(lit 1 2 3)                         ; => no-arrow
(define-syntax tail
  (syntax-rules ()
    ((_ a ... z) '(z a ...))))      ; => tail
(tail 1 2 3 4)                      ; => (4 1 2 3)
(define-syntax nest
  (syntax-rules ()
    ((_ (a b ...) ...) '((b ... a) ...)))) ; => nest
(nest (1 2 3) (4 5))                ; => ((2 3 1) (5 4))
(define-syntax vec
  (syntax-rules ()
    ((_ #(a ...)) (list a ...))))   ; => vec
(vec #(1 2 3))                      ; => (1 2 3)
(define-syntax esc
  (syntax-rules ()
    ((_ a) '(a (... ...)))))        ; => esc
(esc 1)                             ; => (1 ...)
(let-syntax ((foo (syntax-rules () ((_ x) (* x 2))))) (foo 21)) ; => 42
(let ((y 5))
  (let-syntax ((gety (syntax-rules () ((_) y))))
    (let ((y 6)) (gety))))          ; => 5
(define (local-macro)
  (define-syntax twice (syntax-rules () ((_ e) (begin e e))))
  (define n 0)
  (twice (set! n (+ n 1)))
  n)                                ; => local-macro
(local-macro)                       ; => 2
(defmacro unless2 (c . body) `(if ,c #f (begin ,@body))) ; => unless2
(unless2 #f 1 2)                    ; => 2
(nope 1)                            ; !! unbound variable
(define-syntax bad (syntax-rules () ((_ x) x))) ; => bad
(bad)                               ; !! no syntax-rules pattern matches
(if)                                ; !! bad syntax
(lambda (x x) x)                    ; !! duplicate parameter
(def z 3)                           ; => z
((fn (a) (* a z)) 4)                ; => 12
(define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y)) ; => point
(define pt (make-point 1 2))        ; => pt
(point? pt)                         ; => #t
(point? 5)                          ; => #f
(point-y pt)                        ; => 2
(begin (set-point-x! pt 10) (point-x pt)) ; => 10
pt                                  ; => #<point 10 2>
(quote a b)                         ; !! bad syntax
; Hygiene: identifiers a macro inserts mean what they meant where it was defined.
(define-syntax my-if (syntax-rules () ((_ c a b) (cond (c a) (else b))))) ; => my-if
(let ((if list) (else #f)) (my-if #t 1 2)) ; => 1
(define (f)
  (define x 1)
  (define-syntax getx (syntax-rules () ((_) x)))
  (let ((x 2)) (getx)))        ; => f
(f)                            ; => 1
(let loop ((i 0)) (if (< i 3) (loop (+ i 1)) i)) ; => 3
(let ((loop 5)) (do ((i 0 (+ i 1))) ((= i 2) loop))) ; => 5
(define-syntax while2 (syntax-rules () ((_ c b ...) (let lp () (when c b ... (lp)))))) ; => while2
(let ((n 0) (lp 7)) (while2 (< n 3) (set! n (+ n 1))) (list n lp)) ; => (3 7)
(guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'a 42)))) ; => 42
(guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'b 23)))) ; => (b . 23)
(let ((x 'outer))
  (define-syntax m (syntax-rules () ((_) x)))
  (let ((x 'inner)) (m)))      ; => outer
(let-syntax ((foo (syntax-rules () ((_ a) (let ((tmp a)) (list tmp a))))))
  (let ((tmp 9)) (foo tmp)))   ; => (9 9)
