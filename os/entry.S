/* Kernel entry from the firmware (S-mode, paging off, a0 = hart id,
 * a1 = handoff PA) and the trap vector. */
#include "ctx_offsets.h"

    .section .text.entry, "ax"
    .globl _start
_start:
    /* Paging first: .bss is linked at the DRAM alias (kernel.ld). */
    la t0, boot_root
    srli t0, t0, 12
    li t1, 8
    slli t1, t1, 60
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    la sp, boot_stack_top
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  call kmain
3:  wfi
    j 3b

    /* Trap entry: sscratch holds the running thread's context (DRAM). */
    .text
    .align 4
    .globl trap_entry
trap_entry:
    csrrw tp, sscratch, tp
    sd x1, 1*8(tp)
    sd x2, 2*8(tp)
    sd x3, 3*8(tp)
    sd x5, 5*8(tp)
    sd x6, 6*8(tp)
    sd x7, 7*8(tp)
    sd x8, 8*8(tp)
    sd x9, 9*8(tp)
    sd x10, 10*8(tp)
    sd x11, 11*8(tp)
    sd x12, 12*8(tp)
    sd x13, 13*8(tp)
    sd x14, 14*8(tp)
    sd x15, 15*8(tp)
    sd x16, 16*8(tp)
    sd x17, 17*8(tp)
    sd x18, 18*8(tp)
    sd x19, 19*8(tp)
    sd x20, 20*8(tp)
    sd x21, 21*8(tp)
    sd x22, 22*8(tp)
    sd x23, 23*8(tp)
    sd x24, 24*8(tp)
    sd x25, 25*8(tp)
    sd x26, 26*8(tp)
    sd x27, 27*8(tp)
    sd x28, 28*8(tp)
    sd x29, 29*8(tp)
    sd x30, 30*8(tp)
    sd x31, 31*8(tp)
    csrr t0, sscratch
    sd t0, 4*8(tp)
    csrr t0, sepc
    sd t0, CTX_PC(tp)
    csrr t0, sstatus
    sd t0, CTX_SSTATUS(tp)
    la sp, trap_stack_top
    mv a0, tp
    call trap_handle
    /* fall through with a0 = the context to run */
    .globl ctx_resume
ctx_resume:
    mv tp, a0
    ld t0, CTX_PC(tp)
    csrw sepc, t0
    ld t0, CTX_SSTATUS(tp)
    csrw sstatus, t0
    csrw sscratch, tp
    ld x1, 1*8(tp)
    ld x2, 2*8(tp)
    ld x3, 3*8(tp)
    ld x5, 5*8(tp)
    ld x6, 6*8(tp)
    ld x7, 7*8(tp)
    ld x8, 8*8(tp)
    ld x9, 9*8(tp)
    ld x10, 10*8(tp)
    ld x11, 11*8(tp)
    ld x12, 12*8(tp)
    ld x13, 13*8(tp)
    ld x14, 14*8(tp)
    ld x15, 15*8(tp)
    ld x16, 16*8(tp)
    ld x17, 17*8(tp)
    ld x18, 18*8(tp)
    ld x19, 19*8(tp)
    ld x20, 20*8(tp)
    ld x21, 21*8(tp)
    ld x22, 22*8(tp)
    ld x23, 23*8(tp)
    ld x24, 24*8(tp)
    ld x25, 25*8(tp)
    ld x26, 26*8(tp)
    ld x27, 27*8(tp)
    ld x28, 28*8(tp)
    ld x29, 29*8(tp)
    ld x30, 30*8(tp)
    ld x31, 31*8(tp)
    ld x4, 4*8(tp)
    sret

    /* The boot page table (constant, in the image): identity gigapages for
     * the devices, DRAM and the first 64 GiB of PMEM, and the DRAM alias. */
    .section .rodata
    .align 12
    .globl boot_root
boot_root:
    .quad 0xC7                          /* [0] devices, flash: RW */
    .quad 0
    .quad (0x80000 << 10) | 0xCF        /* [2] DRAM: RWX */
    .fill 60, 8, 0
    .quad (0x80000 << 10) | 0xC7        /* [63] DRAM alias (KDRAM_VA): RW */
    .set gp_ppn, 0x1000000
    .rept 64                            /* [64..127] PMEM: RWX */
    .quad (gp_ppn << 10) | 0xCF
    .set gp_ppn, gp_ppn + 0x40000
    .endr
    .fill 384, 8, 0

    .bss
    .align 12
boot_stack:
    .space 16384
    .globl boot_stack_top
boot_stack_top:
trap_stack:
    .space 16384
    .globl trap_stack_top
trap_stack_top:
