/* Byte offsets in struct thread_ctx (sched.h), for entry.S. */
#ifndef OS_CTX_OFFSETS_H
#define OS_CTX_OFFSETS_H
#define CTX_PC      0     /* x0's slot holds the pc */
#define CTX_SSTATUS 256
#define CTX_WORDS   34
#endif
