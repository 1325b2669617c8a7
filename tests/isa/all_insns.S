/* Every instruction of isa/rv64.isa at least once, written as an assembler
 * programmer would (the differential test checks the coverage).  Built with
 * -march=rv64imac_zicsr_zifencei_zicbom. */

    .option norelax
    .text
    .globl _start
_start:
    .option norvc
back:
    lui     a0, 0xfffff
    lui     t6, 0x80000
    lui     zero, 0
    auipc   gp, 0x7ffff
    auipc   a1, 0x1
    jal     ra, fwd
    jal     zero, back
    jalr    ra, -2048(a1)
    jalr    zero, 2047(t0)
    beq     a0, a1, back
    bne     s0, s11, fwd
    blt     t3, t4, back
    bge     a7, zero, fwd
    bltu    s1, s2, back
    bgeu    ra, sp, fwd

    lb      a0, -1(sp)
    lh      a1, 2(s0)
    lw      a2, -2048(a3)
    ld      a4, 2047(a5)
    lbu     t0, 0(t1)
    lhu     t2, 100(gp)
    lwu     tp, -100(s3)
    sb      a0, -1(sp)
    sh      s4, 2047(s5)
    sw      s6, -2048(s7)
    sd      s8, 8(s9)

    addi    a0, a1, -2048
    addi    zero, zero, 0
    slti    a2, a3, 2047
    sltiu   a4, a5, -1
    xori    a6, a7, 1
    ori     s2, s3, -5
    andi    s4, s5, 0xff
    slli    t0, t1, 63
    srli    t2, t3, 1
    srai    t4, t5, 32
    add     a0, a1, a2
    sub     s0, s1, t6
    sll     ra, sp, gp
    slt     tp, t0, t1
    sltu    t2, s0, s1
    xor     a3, a4, a5
    srl     a6, a7, s2
    sra     s3, s4, s5
    or      s6, s7, s8
    and     s9, s10, s11

    addiw   a0, a0, -1
    slliw   a1, a2, 31
    srliw   a3, a4, 0
    sraiw   a5, a6, 17
    addw    t3, t4, t5
    subw    t6, zero, ra
    sllw    a0, a1, a2
    srlw    a3, a4, a5
    sraw    a6, a7, s0

    fence   rw, rw
    fence   iorw, iorw
    fence   i, o
    fence   r, w
    fence.tso
    ecall
    ebreak
    fence.i

    csrrw   a0, mstatus, a1
    csrrs   a2, satp, zero
    csrrc   zero, mie, a3
    csrrwi  a4, 0x7c0, 31
    csrrsi  a5, cycle, 1
    csrrci  zero, sstatus, 0
    csrrs   t0, 0xfff, t1

    mul     a0, a1, a2
    mulh    a3, a4, a5
    mulhsu  a6, a7, s0
    mulhu   s1, s2, s3
    div     s4, s5, s6
    divu    s7, s8, s9
    rem     s10, s11, t3
    remu    t4, t5, t6
    mulw    a0, a1, a2
    divw    a3, a4, a5
    divuw   a6, a7, s0
    remw    s1, s2, s3
    remuw   s4, s5, s6

    lr.w        a0, (a1)
    lr.w.aq     a2, (a3)
    sc.w.rl     a4, a5, (a6)
    amoswap.w.aqrl a0, a1, (a2)
    amoadd.w    a0, a1, (a2)
    amoxor.w.aq s0, s1, (s2)
    amoand.w    t0, t1, (t2)
    amoor.w.rl  a0, a1, (a2)
    amomin.w    a0, a1, (a2)
    amomax.w    a0, a1, (a2)
    amominu.w   a0, a1, (a2)
    amomaxu.w   a0, a1, (a2)
    lr.d.aqrl   a0, (sp)
    sc.d        a0, a1, (a2)
    amoswap.d   a0, a1, (a2)
    amoadd.d.aq a0, a1, (a2)
    amoxor.d    a0, a1, (a2)
    amoand.d    a0, a1, (a2)
    amoor.d     a0, a1, (a2)
    amomin.d.rl a0, a1, (a2)
    amomax.d    a0, a1, (a2)
    amominu.d   a0, a1, (a2)
    amomaxu.d.aqrl a0, a1, (a2)

    sret
    mret
    wfi
    sfence.vma  zero, zero
    sfence.vma  a0, a1
    cbo.inval   (a0)
    cbo.clean   (sp)
    cbo.flush   (t6)

    .option rvc
fwd:
    c.unimp
    c.addi4spn  a0, sp, 1020
    c.addi4spn  s0, sp, 4
    c.lw        a0, 124(a5)
    c.ld        s1, 248(a4)
    c.sw        a2, 0(s0)
    c.sd        a3, 8(s1)
    c.nop
    c.addi      a0, -32
    c.addi      t6, 31
    c.addiw     a1, -1
    c.li        a2, 31
    c.li        zero, 1
    c.addi16sp  sp, -512
    c.addi16sp  sp, 496
    c.lui       a0, 0xfffff
    c.lui       t0, 1
    c.srli      a3, 63
    c.srli64    a4
    c.srai      a5, 1
    c.srai64    s0
    c.andi      s1, -1
    c.sub       a0, a1
    c.xor       a2, a3
    c.or        a4, a5
    c.and       s0, s1
    c.subw      a0, a5
    c.addw      s1, a2
    c.j         back
    c.j         fwd
    c.beqz      a0, fwd
    c.bnez      s1, fwd
    c.slli      a0, 63
    c.slli      zero, 4
    c.slli64    t1
    c.lwsp      a0, 252(sp)
    c.ldsp      ra, 504(sp)
    c.jr        ra
    c.mv        a0, a1
    c.ebreak
    c.jalr      t0
    c.add       a0, a1
    c.swsp      a0, 252(sp)
    c.sdsp      s11, 0(sp)
    /* HINTs: legal, they decode to the base op with rd=x0. */
    .insn 0x0005    /* c.addi zero, 1 */
    .insn 0x6005    /* c.lui zero, 1 */
    .insn 0x802e    /* c.mv zero, a1 */
    .insn 0x902e    /* c.add zero, a1 */
