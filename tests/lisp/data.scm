; Vectors, bytevectors, hash tables, atoms, channels.
(make-vector 3 0)                    ; => #(0 0 0)
(vector 1 'a "s")                    ; => #(1 a "s")
(vector-length #(1 2 3))             ; => 3
(vector-ref #(1 2 3) 0)              ; => 1
(vector-ref #(1 2 3) 3)              ; !! index out of range
(let ((v (make-vector 2 #f))) (vector-set! v 1 'x) v) ; => #(#f x)
(vector->list #(1 2))                ; => (1 2)
(list->vector '(1 2))                ; => #(1 2)
(let ((v (vector 1 2))) (vector-fill! v 0) v) ; => #(0 0)
(vector-map (lambda (x) (* 2 x)) #(1 2 3)) ; => #(2 4 6)
(vector? #(1))                       ; => #t
(vector? '(1))                       ; => #f
(make-bytevector 3 7)                ; => #u8(7 7 7)
(bytevector 1 2 3)                   ; => #u8(1 2 3)
(bytevector 256)                     ; !! not a byte
(bytevector-length #u8(1 2))         ; => 2
(bytevector-u8-ref #u8(5 6) 1)       ; => 6
(let ((b (make-bytevector 2 0))) (bytevector-u8-set! b 0 255) b) ; => #u8(255 0)
(bytevector-copy #u8(1 2 3 4) 1 3)   ; => #u8(2 3)
(bytevector-append #u8(1) #u8(2 3))  ; => #u8(1 2 3)
(define h (make-hash-table))         ; => h
(hash-table-set! h 'a 1)             ; => #<unspecified>
(hash-table-set! h "key" 2)          ; => #<unspecified>
(hash-table-set! h '(1 2) 3)         ; => #<unspecified>
(hash-table-set! h (expt 2 70) 4)    ; => #<unspecified>
(hash-table-ref h 'a)                ; => 1
(hash-table-ref h (string-append "k" "ey")) ; => 2
(hash-table-ref h (list 1 2))        ; => 3
(hash-table-ref h (expt 2 70))       ; => 4
(hash-table-ref h 'missing)          ; !! no such key
(hash-table-ref/default h 'missing 0) ; => 0
(hash-table-count h)                 ; => 4
(begin (hash-table-delete! h 'a) (hash-table-contains? h 'a)) ; => #f
(hash-table-count h)                 ; => 3
(begin (hash-table-update! h "key" (lambda (v) (+ v 10))) (hash-table-ref h "key")) ; => 12
(define big (make-hash-table))       ; => big
(do ((i 0 (+ i 1))) ((= i 1000)) (hash-table-set! big i (* i i))) ; => #<unspecified>
(hash-table-ref big 999)             ; => 998001
(hash-table-count big)               ; => 1000
(length (hash-table-keys big))       ; => 1000
(define a (atom 0))                  ; => a
(deref a)                            ; => 0
@a                                   ; => 0
(swap! a + 5)                        ; => 5
(reset! a 10)                        ; => 10
(compare-and-set! a 10 11)           ; => #t
(compare-and-set! a 10 12)           ; => #f
@a                                   ; => 11
a                                    ; => #<atom 11>
(deref 5)                            ; !! not an atom
(define c (make-channel))            ; => c
(begin (send c 1) (send c '(two)) (receive c)) ; => 1
(receive c)                          ; => (two)
(receive c)                          ; => #<eof>
(send "/dev/display" 1)              ; !! no such resource
