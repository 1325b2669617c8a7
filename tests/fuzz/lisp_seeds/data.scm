'(a . b) #(1 "two" #\x41) #u8(1 2 255) [deadbeef] @atom `(a ,b ,@c) |sym bol| #;(skip) #| block |# 123456789012345678901234567890 -5 #xff
