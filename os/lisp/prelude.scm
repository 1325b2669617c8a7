;;; The prelude: derived syntax and library procedures written in Amber
;;; Lisp itself, evaluated by lisp_init into every new instance. The
;;; build turns this file into prelude.c (gen_prelude.py).

(define-syntax let
  (syntax-rules ()
    ((_ ((name val) ...) body1 body2 ...)
     ((lambda (name ...) body1 body2 ...) val ...))
    ((_ tag ((name val) ...) body1 body2 ...)
     ((letrec ((tag (lambda (name ...) body1 body2 ...))) tag) val ...))))

(define-syntax letrec
  (syntax-rules ()
    ((_ ((var init) ...) body1 body2 ...)
     ((lambda () (define var init) ... (let () body1 body2 ...))))))

(define-syntax letrec*
  (syntax-rules ()
    ((_ bindings body1 body2 ...) (letrec bindings body1 body2 ...))))

(define-syntax let*
  (syntax-rules ()
    ((_ () body1 body2 ...) (let () body1 body2 ...))
    ((_ ((x v) rest ...) body1 body2 ...) (let ((x v)) (let* (rest ...) body1 body2 ...)))))

(define-syntax and
  (syntax-rules ()
    ((_) #t)
    ((_ e) e)
    ((_ e rest ...) (if e (and rest ...) #f))))

(define-syntax or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e rest ...) (let ((t e)) (if t t (or rest ...))))))

(define-syntax when
  (syntax-rules ()
    ((_ c e1 e2 ...) (if c (begin e1 e2 ...)))))

(define-syntax unless
  (syntax-rules ()
    ((_ c e1 e2 ...) (if c (if #f #f) (begin e1 e2 ...)))))

(define-syntax cond
  (syntax-rules (else =>)
    ((_) (if #f #f))
    ((_ (else e1 e2 ...)) (begin e1 e2 ...))
    ((_ (test => f) clause ...) (let ((t test)) (if t (f t) (cond clause ...))))
    ((_ (test) clause ...) (or test (cond clause ...)))
    ((_ (test e1 e2 ...) clause ...) (if test (begin e1 e2 ...) (cond clause ...)))))

(define-syntax case
  (syntax-rules ()
    ((_ key clause ...) (let ((k key)) (%case k clause ...)))))

(define-syntax %case
  (syntax-rules (else =>)
    ((_ k) (if #f #f))
    ((_ k (else => f)) (f k))
    ((_ k (else e1 e2 ...)) (begin e1 e2 ...))
    ((_ k ((d ...) => f) clause ...) (if (memv k '(d ...)) (f k) (%case k clause ...)))
    ((_ k ((d ...) e1 e2 ...) clause ...) (if (memv k '(d ...)) (begin e1 e2 ...) (%case k clause ...)))))

;; R7RS do, and Interim's do (a sequence) when the form is not a loop.
(define-syntax do
  (syntax-rules ()
    ((_ ((var init step ...) ...) (test expr ...) command ...)
     (let loop ((var init) ...)
       (if test
           (begin (if #f #f) expr ...)
           (begin command ... (loop (%do-step var step ...) ...)))))
    ((_ body ...) (begin body ...))))

(define-syntax %do-step
  (syntax-rules ()
    ((_ x) x)
    ((_ x y) y)))

(define-syntax while
  (syntax-rules ()
    ((_ c body ...) (let loop () (when c body ... (loop))))))

(define-syntax guard
  (syntax-rules ()
    ((_ (var clause ...) body1 body2 ...)
     ((call/cc
       (lambda (k)
         (with-exception-handler
          (lambda (c)
            (k (lambda () (let ((var c)) (%guard-clauses c clause ...)))))
          (lambda ()
            (call-with-values (lambda () body1 body2 ...)
              (lambda vals (k (lambda () (apply values vals)))))))))))))

(define-syntax %guard-clauses
  (syntax-rules (else)
    ((_ c) (raise-continuable c))
    ((_ c (else e1 e2 ...)) (begin e1 e2 ...))
    ((_ c clause rest ...) (cond clause (else (%guard-clauses c rest ...))))))

(define-syntax let*-values
  (syntax-rules ()
    ((_ () body1 body2 ...) (let () body1 body2 ...))
    ((_ ((formals init) rest ...) body1 body2 ...)
     (call-with-values (lambda () init)
       (lambda formals (let*-values (rest ...) body1 body2 ...))))))

;; Binds sequentially, like let*-values (docs/lisp.md).
(define-syntax let-values
  (syntax-rules ()
    ((_ bindings body1 body2 ...) (let*-values bindings body1 body2 ...))))

(define-syntax define-values
  (syntax-rules ()
    ((_ (var ...) expr)
     (begin
       (define var #f) ...
       (call-with-values (lambda () expr)
         (lambda vals (%set-values! vals var ...)))))))

(define-syntax %set-values!
  (syntax-rules ()
    ((_ vals) (if #f #f))
    ((_ vals v rest ...) (begin (set! v (car vals)) (%set-values! (cdr vals) rest ...)))))

(define-syntax case-lambda
  (syntax-rules ()
    ((_ clause ...) (lambda args (%case-lambda args clause ...)))))

(define-syntax %case-lambda
  (syntax-rules ()
    ((_ args) (error "case-lambda: no clause takes this many arguments" args))
    ((_ args ((f ...) b1 b2 ...) clause ...)
     (if (= (length args) (length '(f ...)))
         (apply (lambda (f ...) b1 b2 ...) args)
         (%case-lambda args clause ...)))
    ((_ args ((f ... . r) b1 b2 ...) clause ...)
     (if (>= (length args) (length '(f ...)))
         (apply (lambda (f ... . r) b1 b2 ...) args)
         (%case-lambda args clause ...)))))

(define-syntax delay
  (syntax-rules ()
    ((_ e) (let ((done #f) (value #f))
             (lambda ()
               (unless done
                 (let ((v e))
                   (unless done (set! value v) (set! done #t))))
               value)))))

(define (force p) (p))

(define (make-parameter value . converter)
  (let ((v (if (pair? converter) ((car converter) value) value)))
    (lambda args (if (null? args) v (set! v (car args))))))

(define-syntax parameterize
  (syntax-rules ()
    ((_ () body1 body2 ...) (let () body1 body2 ...))
    ((_ ((p v) rest ...) body1 body2 ...)
     (let ((param p) (new v) (old #f))
       (dynamic-wind
        (lambda () (set! old (param)) (param new))
        (lambda () (parameterize (rest ...) body1 body2 ...))
        (lambda () (param old)))))))

(define (%all-pairs? ls) (or (null? ls) (and (pair? (car ls)) (%all-pairs? (cdr ls)))))
(define (%cars ls) (if (null? ls) '() (cons (caar ls) (%cars (cdr ls)))))
(define (%cdrs ls) (if (null? ls) '() (cons (cdar ls) (%cdrs (cdr ls)))))

(define (map f lst . more)
  (if (null? more)
      (let loop ((l lst) (acc '()))
        (if (pair? l) (loop (cdr l) (cons (f (car l)) acc)) (reverse acc)))
      (let loop ((ls (cons lst more)) (acc '()))
        (if (%all-pairs? ls)
            (loop (%cdrs ls) (cons (apply f (%cars ls)) acc))
            (reverse acc)))))

(define (for-each f lst . more)
  (if (null? more)
      (let loop ((l lst))
        (when (pair? l) (f (car l)) (loop (cdr l))))
      (let loop ((ls (cons lst more)))
        (when (%all-pairs? ls) (apply f (%cars ls)) (loop (%cdrs ls))))))

(define (filter keep? lst)
  (let loop ((l lst) (acc '()))
    (cond ((null? l) (reverse acc))
          ((keep? (car l)) (loop (cdr l) (cons (car l) acc)))
          (else (loop (cdr l) acc)))))

(define (fold-left f acc lst)
  (if (null? lst) acc (fold-left f (f acc (car lst)) (cdr lst))))

(define (fold-right f acc lst)
  (if (null? lst) acc (f (car lst) (fold-right f acc (cdr lst)))))

(define (reduce f init lst)
  (if (null? lst) init (fold-left f (car lst) (cdr lst))))

(define (member x lst . same?)
  (if (null? same?)
      (%member x lst)
      (let loop ((l lst))
        (cond ((null? l) #f) (((car same?) x (car l)) l) (else (loop (cdr l)))))))

(define (assoc x lst . same?)
  (if (null? same?)
      (%assoc x lst)
      (let loop ((l lst))
        (cond ((null? l) #f) (((car same?) x (caar l)) (car l)) (else (loop (cdr l)))))))

(define (make-list n . fill)
  (let loop ((i 0) (acc '()))
    (if (= i n) acc (loop (+ i 1) (cons (if (pair? fill) (car fill) #f) acc)))))

(define (list-set! lst k v) (set-car! (list-tail lst k) v))
(define (last-pair l) (if (pair? (cdr l)) (last-pair (cdr l)) l))
(define (iota n . start)
  (let ((s (if (pair? start) (car start) 0)))
    (let loop ((i (- n 1)) (acc '()))
      (if (< i 0) acc (loop (- i 1) (cons (+ s i) acc))))))

(define (zero? n) (= n 0))
(define (positive? n) (> n 0))
(define (negative? n) (< n 0))
(define (odd? n) (not (= 0 (remainder n 2))))
(define (even? n) (= 0 (remainder n 2)))
(define (square n) (* n n))
(define (min x . rest) (fold-left (lambda (a b) (if (< b a) b a)) x rest))
(define (max x . rest) (fold-left (lambda (a b) (if (> b a) b a)) x rest))
(define (%gcd a b) (if (= b 0) (abs a) (%gcd b (remainder a b))))
(define (gcd . ns) (fold-left %gcd 0 ns))
(define (lcm . ns)
  (fold-left (lambda (a b) (if (or (= a 0) (= b 0)) 0 (abs (quotient (* a b) (%gcd a b))))) 1 ns))
(define (floor-quotient a b) (quotient (- a (modulo a b)) b))
(define (exact-integer-sqrt n)
  (let loop ((x n))
    (let ((y (quotient (+ x (quotient n (if (= x 0) 1 x))) 2)))
      (if (>= y x)
          (values x (- n (* x x)))
          (loop y)))))

(define (boolean=? a b) (eq? a b))
(define (symbol=? a b . rest) (and (eq? a b) (or (null? rest) (apply symbol=? b rest))))
(define (char-upper-case? c) (and (char-alphabetic? c) (char<=? #\A c #\Z)))
(define (char-lower-case? c) (and (char-alphabetic? c) (char<=? #\a c #\z)))
(define (string-map f s) (list->string (map f (string->list s))))
(define (string-for-each f s) (for-each f (string->list s)))
(define (vector-map f v) (list->vector (map f (vector->list v))))
(define (vector-for-each f v) (for-each f (vector->list v)))
(define (vector-copy v) (list->vector (vector->list v)))

(define (hash-table-keys t) (map car (hash-table->alist t)))
(define (hash-table-values t) (map cdr (hash-table->alist t)))
(define (hash-table-update! t key f . default)
  (hash-table-set! t key (f (if (pair? default)
                                (hash-table-ref t key (car default))
                                (hash-table-ref t key)))))

(define (swap! a f . args)
  (let ((v (apply f (deref a) args)))
    (reset! a v)
    v))

;; Interim's comparison names.
(define gt >)
(define lt <)
(define eq eqv?)

(defmacro define-record-type (type ctor pred . fields)
  (let ((names (map (lambda (f) (if (pair? f) (car f) f)) fields)))
    (define (index name)
      (let loop ((ns names) (i 0)) (if (eq? (car ns) name) i (loop (cdr ns) (+ i 1)))))
    `(begin
       (define ,type (vector ',type ',names))
       ,@(if (pair? ctor)
             `((define ,ctor
                 (%record ,type ,@(map (lambda (n) (if (memq n (cdr ctor)) n #f)) names))))
             '())
       (define (,pred x) (%record? x ,type))
       ,@(apply append
                (map (lambda (f)
                       (if (pair? f)
                           (cons `(define (,(cadr f) r) (%record-ref r ,type ,(index (car f))))
                                 (if (pair? (cddr f))
                                     `((define (,(car (cddr f)) r v)
                                         (%record-set! r ,type ,(index (car f)) v)))
                                     '()))
                           '()))
                     fields))
       ',type)))
