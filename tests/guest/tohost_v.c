/* A test in the style of the riscv-tests "v" environment (written for this
 * project): the checks run in S mode with Sv39 on and finally in U mode;
 * they report through ecall, and the M-mode trap handler writes the HTIF
 * `tohost` word (1 = pass, (N << 1) | 1 = test N failed). Prints nothing
 * (QEMU's spike machine, used to validate it, has no UART). */
#include "vm.h"

#define VA_DATA 0x1000000000ull

uint64_t tohost __attribute__((section(".tohost"), aligned(64), used));
uint64_t fromhost __attribute__((section(".tohost"), aligned(64), used));

static uint64_t data_page[512] __attribute__((aligned(4096)));
static uint64_t nod_page[512] __attribute__((aligned(4096)));
static uint8_t v_stack[4096] __attribute__((aligned(16)));
static uint64_t *root;

void v_trap(void);
__asm__(
    ".text\n"
    ".balign 4\n"
    ".globl v_trap\n"
    "v_trap:\n"
    "  csrr t0, mcause\n"
    "  li t1, 8\n"                  /* ecall from U */
    "  beq t0, t1, 1f\n"
    "  li t1, 9\n"                  /* ecall from S */
    "  beq t0, t1, 1f\n"
    "  li a0, (126 << 1) | 1\n"     /* anything else: test 126 */
    "1: la t0, tohost\n"
    "  sd a0, 0(t0)\n"
    "  j 1b\n");

static __attribute__((noreturn)) void report(uint64_t v)
{
    register uint64_t a0 __asm__("a0") = v;
    __asm__ volatile("ecall" :: "r"(a0));
    for (;;)
        ;
}

#define VCHECK(n, cond) do { if (!(cond)) report(((uint64_t)(n) << 1) | 1); } while (0)

static uint64_t s_main(uint64_t arg)
{
    (void)arg;
    volatile uint64_t *v = (volatile uint64_t *)VA_DATA;
    /* 1: a load through the offset mapping */
    VCHECK(1, v[0] == 0x5ca1ab1e5ca1ab1eull);
    /* 2: a store through it lands in the physical page */
    v[1] = 0x1234;
    VCHECK(2, data_page[1] == 0x1234);
    /* 3: hardware sets D on the first store */
    volatile uint64_t *nd = (volatile uint64_t *)(VA_DATA + 0x1000);
    nd[0] = 7;
    VCHECK(3, (*pt_walk(root, VA_DATA + 0x1000, 0, 0) & PTE_D) != 0);
    /* 4: satp is what M installed */
    VCHECK(4, csr_read(satp) == (SATP_SV39 | ((uint64_t)root >> 12)));
    /* then U mode, on its own page, reports the pass: u_ecall(1) */
    csr_write(sepc, (uint64_t)u_ecall);
    csr_clear(sstatus, MSTATUS_SPP);
    register uint64_t a0 __asm__("a0") = 1;
    __asm__ volatile("sret" :: "r"(a0));
    report((5 << 1) | 1);
}

int main(void)
{
    guest_init();
    data_page[0] = 0x5ca1ab1e5ca1ab1eull;
    root = vm_identity();
    pt_map(root, VA_DATA, (uint64_t)data_page, 0, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_DATA + 0x1000, (uint64_t)nod_page, 0, PTE_V | PTE_R | PTE_W | PTE_A);
    vm_enable(root);
    csr_write(mtvec, (uint64_t)v_trap);
    enter_mode_raw(PRV_S, (uint64_t)s_main, 0, (uint64_t)(v_stack + sizeof v_stack), 0);
    return 99; /* not reached */
}
