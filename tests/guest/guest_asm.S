/* Trap entry/exit, vector tables, mode switching and the U-mode page of
 * the guest test framework (see guest.h). */
#define FR_SIZE (34 * 8)
#define FR_VEC  (32 * 8)
#define SYS_EXIT 0x5e5e

/* Switch to the trap stack held in \scratch and save every register. */
.macro TRAP_SAVE scratch
    csrrw sp, \scratch, sp
    addi sp, sp, -FR_SIZE
    sd x0, 0*8(sp)
    sd x1, 1*8(sp)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\n, \n*8(sp)
    .endr
    csrr t0, \scratch
    sd t0, 2*8(sp)
    addi t0, sp, FR_SIZE
    csrw \scratch, t0
.endm

.macro TRAP_RESTORE ret
    ld x1, 1*8(sp)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\n, \n*8(sp)
    .endr
    ld sp, 2*8(sp)
    \ret
.endm

    .text
    .balign 64
    .globl m_trap_entry
m_trap_entry:
    TRAP_SAVE mscratch
    li t0, 0xff
    sd t0, FR_VEC(sp)
m_common:
    mv a0, sp
    call m_trap
    TRAP_RESTORE mret

    .balign 64
    .globl s_trap_entry
s_trap_entry:
    TRAP_SAVE sscratch
    li t0, 0xff
    sd t0, FR_VEC(sp)
s_common:
    mv a0, sp
    call s_trap
    TRAP_RESTORE sret

/* Vectored tables: slot n (4 bytes each: no compressed jumps) jumps to a
 * stub that records n in the frame. */
    .option push
    .option norvc
    .balign 256
    .globl m_vectors
m_vectors:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    j m_vec_\n
    .endr
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
m_vec_\n:
    TRAP_SAVE mscratch
    li t0, \n
    sd t0, FR_VEC(sp)
    j m_common
    .endr

    .balign 256
    .globl s_vectors
s_vectors:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    j s_vec_\n
    .endr
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
s_vec_\n:
    TRAP_SAVE sscratch
    li t0, \n
    sd t0, FR_VEC(sp)
    j s_common
    .endr
    .option pop

/* uint64_t enter_mode_raw(mode, fn, arg, sp, ret_tramp)
 * Saves the M context in m_ctx (restored by m_trap on SYS_EXIT), then
 * mret into fn(arg) in `mode`, with MPIE cleared (MIE is restored on
 * return). */
    .globl enter_mode_raw
enter_mode_raw:
    la t0, m_ctx
    sd ra, 0*8(t0)
    sd sp, 1*8(t0)
    sd gp, 2*8(t0)
    sd tp, 3*8(t0)
    sd s0, 4*8(t0)
    sd s1, 5*8(t0)
    .irp n, 2,3,4,5,6,7,8,9,10,11
    sd s\n, (4+\n)*8(t0)
    .endr
    csrr t1, mstatus
    andi t1, t1, 8          /* MIE */
    sd t1, 16*8(t0)
    li t1, (3 << 11) | 0x80 /* MPP, MPIE */
    csrc mstatus, t1
    slli t2, a0, 11
    csrs mstatus, t2
    csrw mepc, a1
    mv ra, a4
    mv sp, a3
    mv a0, a2
    mret

    .globl s_exit_tramp
s_exit_tramp:
    li a7, SYS_EXIT
    ecall
1:  j 1b

/* ---- U-mode code: one whole page, mapped with U=1 by the VM tests ---- */
    .section .text.ucode, "ax"
    .balign 4096
    .globl ucode_start
ucode_start:
    .globl u_exit_tramp
u_exit_tramp:
    li a7, SYS_EXIT
    ecall
1:  j 1b

#define SENTINEL_LI(r) li r, 0xbadc0ffee0ddf00d

    .globl u_load64
u_load64:
    mv t1, a0
    SENTINEL_LI(a0)
    ld a0, 0(t1)
    ret

    .globl u_store64
u_store64:
    li t0, 0x5555
    sd t0, 0(a0)
    li a0, 0
    ret

    .globl u_ecall
u_ecall:
    mv a7, a0
    .globl u_ecall_at
u_ecall_at:
    ecall
    li a0, 0
    ret

    .globl u_call
u_call:
    mv t0, a0
    SENTINEL_LI(a0)
    mv s1, ra
    jalr t0
    mv ra, s1
    ret

    .globl u_illegal
u_illegal:
    .globl u_illegal_at
u_illegal_at:
    .half 0
    li a0, 0
    ret

    .globl u_csr_cycle
u_csr_cycle:
    SENTINEL_LI(a0)
    rdcycle a0
    ret

    .globl u_csr_time
u_csr_time:
    SENTINEL_LI(a0)
    rdtime a0
    ret

    .globl u_csr_instret
u_csr_instret:
    SENTINEL_LI(a0)
    rdinstret a0
    ret

    .globl u_sscratch
u_sscratch:
    SENTINEL_LI(a0)
    csrr a0, sscratch
    ret

    .globl u_spin
u_spin:
1:  beqz a0, 2f
    addi a0, a0, -1
    j 1b
2:  ret

    .globl u_cbo_clean, u_cbo_flush, u_cbo_inval
u_cbo_clean:
    .insn i 0x0f, 2, x0, 1(a0)
    li a0, 0
    ret
u_cbo_flush:
    .insn i 0x0f, 2, x0, 2(a0)
    li a0, 0
    ret
u_cbo_inval:
    .insn i 0x0f, 2, x0, 0(a0)
    li a0, 0
    ret

    .balign 4096
    .globl ucode_end
ucode_end:

/* ---- U-mode data page (also the U stack) ---- */
    .section .data.udata, "aw"
    .balign 4096
    .globl udata_start, u_word, u_stack_top
udata_start:
u_word:
    .dword 0x1122334455667788
    .balign 4096
u_stack_top:
    .globl udata_end
udata_end:
