; The Interim OS vocabulary and Clojure-style atoms.
(def n 5)                            ; => n
(def sq (fn (x) (* x x)))            ; => sq
(sq n)                               ; => 25
(do (def a 1) (def b 2) (+ a b))     ; => 3
(def i 0)                            ; => i
(def total 0)                        ; => total
(while (lt i 5) (def total (+ total i)) (def i (+ i 1))) ; => #<unspecified>
total                                ; => 10
(gt 3 2)                             ; => #t
(lt 3 2)                             ; => #f
(eq 'a 'a)                           ; => #t
(eq 2 3)                             ; => #f
(def buf (alloc 4))                  ; => buf
buf                                  ; => #u8(0 0 0 0)
(put buf 0 222)                      ; => #<unspecified>
(get buf 0)                          ; => 222
(size buf)                           ; => 4
(size "héllo")                       ; => 6
(size '(1 2 3))                      ; => 3
(slice [deadbeef] 1 3)               ; => #u8(173 190)
(slice "hello" 1 3)                  ; => "el"
(slice [00] 0 2)                     ; !! index out of range
(get [ff] 1)                         ; !! index out of range
(def counter (atom 0))               ; => counter
(swap! counter (fn (v) (+ v 1)))     ; => 1
@counter                             ; => 1
(def ch (make-channel))              ; => ch
(send ch '(triangle #xff00ff 50 50 100 50 100 100)) ; => #<unspecified>
(receive ch)                         ; => (triangle 16711935 50 50 100 50 100 100)
(map (fn (x) (* 2 x)) (list 1 2 3))  ; => (2 4 6)
(read "(def x [0102])")              ; => (def x #u8(1 2))
