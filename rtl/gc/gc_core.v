// Amber-1 GC core: mark from a root table, then order-preserving sliding
// compaction (docs/gc-core.md is the specification, emu/dev_gccore.c the
// golden model). This unit makes the same memory accesses in the same order
// and takes the same number of cycles; tests/rtl/gc holds it to the model.
//
// Memory is one tagged 64-bit word per access, on the accelerator's bus
// protocol with a tag byte beside the data:
//
//   mem_valid  the core requests an access; mem_we, mem_addr (8-aligned),
//              mem_wdata and mem_wtag are stable while it waits
//   mem_ready  the memory completes the access in this cycle; read data and
//              tag are on mem_rdata/mem_rtag in the same cycle; mem_err
//              (with mem_ready) fails it (a BUS error)
//
// Cycles: every cycle outside IDLE counts. CHECK is the start cycle, each
// access takes one cycle plus the cycles mem_ready stays low, END is the end
// cycle. Every decision is made in the cycle of the access that brought its
// data, so the next access is issued at once: the documented cost, 2 plus
// one per access plus wait states. An access that fails must answer at once;
// its cycle is then the end cycle.
//
// Verilog-2005, the subset Verilator 5.006 and Yosys 0.23 both accept.
module gc_core #(
    parameter AW = 64,     // byte address bits kept (the model has 64; regions must lie below 2^AW)
    parameter CNT_W = 64   // width of the statistics counters
) (
    input  wire        clk,
    input  wire        rst,
    // configuration (the registers of docs/devices.md), stable while busy
    input  wire        start,
    input  wire [AW-1:0] heap_base,
    input  wire [AW-1:0] heap_top,
    input  wire [AW-1:0] heap_limit,
    input  wire [AW-1:0] side_base,
    input  wire [AW-1:0] side_size,
    input  wire [AW-1:0] root_base,
    input  wire [AW-1:0] root_count,
    // memory port
    output reg         mem_valid,
    output reg         mem_we,
    output reg  [AW-1:0] mem_addr,
    output reg  [63:0] mem_wdata,
    output reg  [7:0]  mem_wtag,
    input  wire        mem_ready,
    input  wire [63:0] mem_rdata,
    input  wire [7:0]  mem_rtag,
    input  wire        mem_err,
    // status and results of the last collection
    output wire        busy,
    output reg         done,        // one cycle: the collection ended
    output reg  [2:0]  error,
    output reg  [AW-1:0] error_addr,
    output reg  [63:0] error_value,
    output reg  [AW-1:0] new_top,
    output reg  [CNT_W-1:0] live_words,
    output reg  [CNT_W-1:0] live_objects,
    output reg  [CNT_W-1:0] moved_bytes,
    output reg  [CNT_W-1:0] cycles,
    output reg  [CNT_W-1:0] mark_cycles,
    output reg  [CNT_W-1:0] accesses
);
    localparam ERR_CONFIG = 3'd1, ERR_HEADER = 3'd2, ERR_POINTER = 3'd3, ERR_TYPE = 3'd4,
               ERR_FIELD = 3'd5, ERR_STACK = 3'd6, ERR_BUS = 3'd7;

    localparam S_IDLE = 5'd0, S_CHECK = 5'd1, S_END = 5'd2,
               S_CLR = 5'd3, S_PFLUSH = 5'd4, S_PREAD = 5'd5,
               S_MROOT = 5'd6, S_MSTART = 5'd7, S_MMARK = 5'd8, S_MHEAD = 5'd9,
               S_MSET0 = 5'd10, S_MSETMID = 5'd11, S_MSETLR = 5'd12, S_MSETLW = 5'd13,
               S_MSPILL = 5'd14, S_MPOPR = 5'd15, S_MOBJ = 5'd16, S_MFIELD = 5'd17,
               S_ORD = 5'd18, S_OWR = 5'd19,
               S_CMARK = 5'd20, S_CSRC = 5'd21, S_COFF = 5'd22, S_CMK = 5'd23, S_CWR = 5'd24,
               S_RRD = 5'd25, S_RWR = 5'd26, S_FWR = 5'd27;

    // where a visit returns to
    localparam K_ROOT = 2'd0, K_CAR = 2'd1, K_FIELD = 2'd2;

    reg [4:0]  state;
    assign busy = state != S_IDLE;

    // ---- the side tables (phase 0 computes B) ----
    wire [63:0] heap_words = (heap_top - heap_base) >> 3;
    wire [63:0] nbw = (heap_words + 64'd63) >> 6;
    wire [63:0] tab_start = side_base;
    wire [63:0] tab_mark = side_base + (nbw << 3);
    wire [63:0] tab_stack = side_base + (nbw << 4);
    wire [63:0] cap = (side_size >> 3) - (nbw << 1);
    wire [63:0] side_end = side_base + side_size;
    wire [63:0] root_end = root_base + (root_count << 3);

    wire cfg_ok =
        ((heap_base | heap_top | heap_limit | side_base | side_size | root_base) & 64'd7) == 64'd0 &&
        heap_base <= heap_top && heap_top <= heap_limit &&
        (side_size >> 4) >= nbw && side_size <= ~side_base &&
        root_count <= ((~root_base) >> 3) &&
        !(heap_base < side_end && side_base < heap_limit) &&
        !(heap_base < root_end && root_base < heap_limit) &&
        !(side_base < root_end && root_base < side_end);

    // ---- state of the phases ----
    reg [AW-1:0] b;          // bitmap word index (clear, offsets, compaction, mark spans)
    reg [AW-1:0] cur;        // parse: the start-bitmap word being built
    reg [AW-1:0] p;          // parse pointer; the object being scanned
    reg [AW-1:0] f, fend;    // the field being visited, the object's last field
    reg [AW-1:0] ri;         // root index
    reg [1:0]  cont;         // where the current visit returns to
    reg        vcons;        // the visited reference is a cons (its word is in error_value)
    reg [AW-1:0] vaddr;      // the reference's target
    reg [AW-1:0] vw;         // its heap word index
    reg [AW-1:0] nwords;     // the target object's words
    reg [AW-1:0] b1;         // last bitmap word of the object
    reg [AW-1:0] chip [0:7]; // top of the mark stack
    reg [2:0]  chip_lo;
    reg [3:0]  chip_n;
    reg [AW-1:0] mem_n;      // stack entries in memory
    reg [AW-1:0] total;      // offsets: live words below
    reg [63:0] m;            // a bitmap word: the start word being built (parse), the
                             // target's mark word (mark), the mark word scanned (offsets, compaction)
    reg [AW-1:0] src, dst;
    reg [63:0] sd;           // the word being moved (or the root being fixed)
    reg [7:0]  st;
    reg        in_roots;     // a forwarding lookup for phase 6
    reg        cached;
    reg [AW-1:0] cache_b, cache_off;
    reg [63:0] cache_mark;
    reg [AW-1:0] fa;         // free pointer
    reg        marking;      // phases 1 to 3: errors latch MARK_CYCLES

    wire [CNT_W-1:0] cyc_now = cycles + 1'b1;

    // ---- combinational helpers ----
    function [63:0] sext56;
        input [63:0] d;
        sext56 = {{8{d[55]}}, d[55:0]};
    endfunction

    function [63:0] regform;
        input [63:0] d;
        input [7:0] t;
        regform = {t, d[55:0]};
    endfunction

    function [6:0] popcount;
        input [63:0] x;
        integer k;
        begin
            popcount = 7'd0;
            for (k = 0; k < 64; k = k + 1)
                popcount = popcount + {6'd0, x[k]};
        end
    endfunction

    function [5:0] ctz;
        input [63:0] x;
        integer k;
        begin
            ctz = 6'd0;
            for (k = 63; k >= 0; k = k - 1)
                if (x[k])
                    ctz = k[5:0];
        end
    endfunction

    // Addresses are compared in AW bits: a reference with any bit set above
    // them is outside every region, so external.
    function [AW-1:0] addr_of;
        input [63:0] d;
        addr_of = sext56(d);
    endfunction

    function in_space;
        input [63:0] d;
        in_space = (sext56(d) >> AW) == 64'd0;
    endfunction

    function internal;
        input [63:0] d;
        input [7:0] t;
        internal = t[3:0] >= 4'd8 && t[3:0] <= 4'd10 && in_space(d) &&
                   addr_of(d) >= heap_base && addr_of(d) < heap_limit;
    endfunction

    // The read word, for the visit decisions.
    wire [3:0]  r_ty = mem_rtag[3:0];
    wire [AW-1:0] r_v = addr_of(mem_rdata);
    wire [AW-1:0] r_w = (r_v - heap_base) >> 3;
    wire        r_ref = r_ty >= 4'd8 && r_ty <= 4'd10;
    wire        r_ext = !in_space(mem_rdata) || r_v < heap_base || r_v >= heap_limit;
    wire        r_hdr = r_ty == 4'd11;
    wire [63:0] r_size = {16'd0, mem_rdata[47:0]};

    // Forwarding: the offset and mark word of the target's block, from the
    // cache or from this cycle's read (S_CMK).
    wire [63:0] fw_d = sd;
    wire [AW-1:0] fw_w = (addr_of(fw_d) - heap_base) >> 3;
    wire [AW-1:0] fw_b = fw_w >> 6;
    wire [AW-1:0] fw_new_a = heap_base + ((cache_off + {57'd0, pc_out}) << 3);
    wire [63:0] fw_new = sext56(fw_new_a);

    // The compaction source word just read (S_CSRC) or held (later states).
    wire        cs_internal = internal(state == S_CSRC || state == S_RRD ? mem_rdata : sd,
                                       state == S_CSRC || state == S_RRD ? mem_rtag : st);
    wire [AW-1:0] cs_w = (addr_of(mem_rdata) - heap_base) >> 3;

    // ---- shared bit units (one each: they are large at 64 bits) ----
    // lowmask(n): the n low bits set, n = 0 .. 64.
    function [63:0] lowmask;
        input [6:0] n;
        lowmask = n[6] ? ~64'd0 : ~(~64'd0 << n[5:0]);
    endfunction
    // The bits below a word: of the target's block in forwarding (from the
    // source word in S_CSRC/S_RRD, from the held word in S_CMK), of the
    // object's first word in S_MHEAD.
    wire [5:0]  mask_n = state == S_MHEAD ? vw[5:0] : state == S_CMK ? fw_w[5:0] : cs_w[5:0];
    wire [63:0] mask_a = lowmask({1'b0, mask_n});
    // Offsets count a whole mark word; forwarding the marks below the target.
    wire [63:0] pc_in = state == S_OWR ? m : (state == S_CMK ? mem_rdata : cache_mark) & mask_a;
    wire [6:0]  pc_out = popcount(pc_in);
    // Compaction: the next live word of m after the current one.
    wire [63:0] m_rest = m & (m - 64'd1);
    // The first live word of the mark word just read, or the next one.
    wire [5:0]  ctz_out = ctz(state == S_CMARK ? mem_rdata : m_rest);

    // ---- issuing accesses ----
    task rd;
        input [4:0] s;
        input [63:0] a;
        begin
            state <= s;
            mem_valid <= 1'b1;
            mem_we <= 1'b0;
            mem_addr <= a;
        end
    endtask

    task wr;
        input [4:0] s;
        input [63:0] a;
        input [63:0] d;
        input [7:0] t;
        begin
            state <= s;
            mem_valid <= 1'b1;
            mem_we <= 1'b1;
            mem_addr <= a;
            mem_wdata <= d;
            mem_wtag <= t;
        end
    endtask

    task go_end;
        begin
            state <= S_END;
            mem_valid <= 1'b0;
        end
    endtask

    task fail;
        input [2:0] code;
        input [63:0] a;
        input [63:0] v;
        begin
            error <= code;
            error_addr <= a;
            error_value <= v;
            if (marking)
                mark_cycles <= cyc_now;
            go_end;
        end
    endtask

    // ---- the chain of phases; each task issues the next access ----
    task free_from;
        input [63:0] a;
        begin
            fa <= a;
            if (a < heap_top)
                wr(S_FWR, a, 64'd0, 8'd0);
            else
                go_end;
        end
    endtask

    task roots_from;            // phase 6, root i onwards
        input [63:0] i;
        begin
            ri <= i;
            if (i < root_count)
                rd(S_RRD, root_base + (i << 3));
            else
                free_from(new_top);
        end
    endtask

    task compact_from;          // phase 5, bitmap word bb onwards
        input [63:0] bb;
        input [63:0] top;
        begin
            b <= bb;
            if (bb < nbw) begin
                rd(S_CMARK, tab_mark + (bb << 3));
            end else begin
                new_top <= top;
                ri <= 64'd0;
                if (root_count != 64'd0)
                    rd(S_RRD, root_base);
                else
                    free_from(top);
            end
        end
    endtask

    task end_mark;              // phase 3 is over: offsets, or straight on
        begin
            marking <= 1'b0;
            mark_cycles <= cyc_now;
            b <= 64'd0;
            total <= 64'd0;
            dst <= heap_base;
            if (nbw != 64'd0) begin
                rd(S_ORD, tab_mark);
            end else begin
                new_top <= heap_base;
                ri <= 64'd0;
                if (root_count != 64'd0)
                    rd(S_RRD, root_base);
                else
                    free_from(heap_base);
            end
        end
    endtask

    task mark_root;             // visit root i, or end the mark
        input [63:0] i;
        begin
            ri <= i;
            if (i < root_count)
                rd(S_MROOT, root_base + (i << 3));
            else
                end_mark;
        end
    endtask

    task pop;                   // the next object to scan
        begin
            if (chip_n != 4'd0) begin
                chip_n <= chip_n - 4'd1;
                p <= chip[chip_lo + chip_n[2:0] - 3'd1];
                rd(S_MOBJ, chip[chip_lo + chip_n[2:0] - 3'd1]);
            end else if (mem_n != 64'd0) begin
                mem_n <= mem_n - 64'd1;
                rd(S_MPOPR, tab_stack + ((mem_n - 64'd1) << 3));
            end else begin
                mark_root(ri + 64'd1);
            end
        end
    endtask

    // Does the visit's continuation pop the stack next?
    wire cont_pops = cont == K_ROOT || (cont == K_FIELD && f >= fend);

    task resume;                // the visit is over; k is where it returns to
        input [1:0] k;
        begin
            if (k == K_CAR) begin
                cont <= K_FIELD;
                f <= p + 64'd8;
                fend <= p + 64'd8;
                rd(S_MFIELD, p + 64'd8);
            end else if (k == K_FIELD && f < fend) begin
                f <= f + 64'd8;
                rd(S_MFIELD, f + 64'd8);
            end else begin
                pop;
            end
        end
    endtask

    // Push vaddr (a slot is free on chip) and resume; a push followed at
    // once by a pop scans the object just pushed.
    task push_resume;
        input [2:0] lo;
        input [3:0] n;
        begin
            if (cont_pops) begin
                chip_lo <= lo;
                chip_n <= n;
                p <= vaddr;
                rd(S_MOBJ, vaddr);
            end else begin
                chip[lo + n[2:0]] <= vaddr;
                chip_lo <= lo;
                chip_n <= n + 4'd1;
                resume(cont);
            end
        end
    endtask

    task marked;                // the object's mark bits are set
        begin
            live_objects <= live_objects + 64'd1;
            live_words <= live_words + nwords;
            if (nwords == 64'd1)
                resume(cont);
            else if ({60'd0, chip_n} + mem_n == cap)
                fail(ERR_STACK, f, error_value);
            else if (chip_n == 4'd8)
                wr(S_MSPILL, tab_stack + (mem_n << 3), chip[chip_lo], 8'd0);
            else
                push_resume(chip_lo, chip_n);
        end
    endtask

    // The word just read from address a: follow it if it is an unmarked
    // reference into the heap, else resume.
    task visit;
        input [63:0] a;
        input [1:0] k;
        begin
            cont <= k;
            f <= a;
            vcons <= r_ty == 4'd8;
            error_value <= regform(mem_rdata, mem_rtag); // kept for an error; cleared at a good end
            vaddr <= r_v;
            vw <= r_w;
            if (r_ty >= 4'd11)
                fail(ERR_FIELD, a, regform(mem_rdata, mem_rtag));
            else if (!r_ref || r_ext)
                resume(k);
            else if (r_v >= heap_top || r_v[2:0] != 3'd0)
                fail(ERR_POINTER, a, regform(mem_rdata, mem_rtag));
            else
                rd(S_MSTART, tab_start + ((r_w >> 6) << 3));
        end
    endtask

    task parse_next;            // before reading the object at pp
        input [63:0] pp;
        input [63:0] cc;
        input [63:0] aa;
        begin
            p <= pp;
            cur <= cc;
            m <= aa;
            if (pp < heap_top) begin
                if (cc < (((pp - heap_base) >> 3) >> 6))
                    wr(S_PFLUSH, tab_start + (cc << 3), aa, 8'd0);
                else
                    rd(S_PREAD, pp);
            end else if (cc < nbw) begin
                wr(S_PFLUSH, tab_start + (cc << 3), aa, 8'd0);
            end else begin
                cont <= K_ROOT;
                mark_root(64'd0);
            end
        end
    endtask

    // P_READ: the object's length and the pointer after it.
    wire [AW-1:0] pr_n = r_hdr ? r_size[AW-1:0] + 1'b1 : 2'd2;
    wire [AW-1:0] pr_w = (p - heap_base) >> 3;
    wire [AW-1:0] pr_rem = (heap_top - p) >> 3;   // words left below the top
    wire          pr_long = r_hdr ? (r_size >> (AW - 3)) != 64'd0 || r_size[AW-4:0] >= pr_rem
                                  : pr_rem < 2'd2;
    // M_HEAD: the object's extent in the mark bitmap.
    wire [AW-1:0] mh_n = r_hdr ? r_size[AW-1:0] + 1'b1 : 2'd2;
    wire [AW-1:0] mh_last = vw + mh_n - 1'b1;
    wire [63:0] mh_lo = ~mask_a;
    // The bits up to the object's last word in its last mark word: from the
    // header just read (S_MHEAD) or from the registers (S_MSETLR).
    wire [AW-1:0] set_last = vw + nwords - 1'b1;
    wire [63:0] mh_hi = lowmask({1'b0, state == S_MHEAD ? mh_last[5:0] : set_last[5:0]} + 7'd1);

    task next_live;             // the next live word of this bitmap word, or the next word
        input [63:0] d;
        begin
            m <= m_rest;
            if (m_rest != 64'd0)
                begin
                    src <= heap_base + (((b << 6) + {58'd0, ctz_out}) << 3);
                    rd(S_CSRC, heap_base + (((b << 6) + {58'd0, ctz_out}) << 3));
                end
            else
                compact_from(b + 64'd1, d);
        end
    endtask

    // The word sd (tag st) with its new value nv: write it if needed.
    task place;
        input [63:0] nv;
        begin
            if (in_roots) begin
                if (nv != sd)
                    wr(S_RWR, root_base + (ri << 3), nv, st);
                else
                    roots_from(ri + 64'd1);
            end else begin
                dst <= dst + 64'd8;
                if (dst != src)
                    moved_bytes <= moved_bytes + 64'd8;
                if (dst != src || nv != sd)
                    wr(S_CWR, dst, nv, st);
                else
                    next_live(dst + 64'd8);
            end
        end
    endtask

    // S_CSRC/S_RRD: the word just read is not to be fixed.
    task place_raw;
        begin
            dst <= dst + 64'd8;
            if (dst != src)
                moved_bytes <= moved_bytes + 64'd8;
            if (dst != src)
                wr(S_CWR, dst, mem_rdata, mem_rtag);
            else
                next_live(dst + 64'd8);
        end
    endtask

    // S_CSRC/S_RRD: a cache hit; the new value from the cache.
    wire [AW-1:0] hit_new_a = heap_base + ((cache_off + {57'd0, pc_out}) << 3);
    wire [63:0] hit_new = sext56(hit_new_a);

    task place_now;
        begin
            if (state == S_RRD) begin
                if (hit_new != mem_rdata)
                    wr(S_RWR, root_base + (ri << 3), hit_new, mem_rtag);
                else
                    roots_from(ri + 64'd1);
            end else begin
                dst <= dst + 64'd8;
                if (dst != src)
                    moved_bytes <= moved_bytes + 64'd8;
                if (dst != src || hit_new != mem_rdata)
                    wr(S_CWR, dst, hit_new, mem_rtag);
                else
                    next_live(dst + 64'd8);
            end
        end
    endtask

    integer k;
    always @(posedge clk) begin
        done <= 1'b0;
        if (rst) begin
            state <= S_IDLE;
            mem_valid <= 1'b0;
            mem_we <= 1'b0;
            mem_addr <= 64'd0;
            mem_wdata <= 64'd0;
            mem_wtag <= 8'd0;
            error <= 3'd0;
            error_addr <= 64'd0;
            error_value <= 64'd0;
            new_top <= 64'd0;
            live_words <= 64'd0;
            live_objects <= 64'd0;
            moved_bytes <= 64'd0;
            cycles <= 64'd0;
            mark_cycles <= 64'd0;
            accesses <= 64'd0;
            chip_lo <= 3'd0;
            chip_n <= 4'd0;
            mem_n <= 64'd0;
            cached <= 1'b0;
            marking <= 1'b0;
            for (k = 0; k < 8; k = k + 1)
                chip[k] <= 64'd0;
        end else if (state == S_IDLE) begin
            if (start) begin
                state <= S_CHECK;
                error <= 3'd0;
                error_addr <= 64'd0;
                error_value <= 64'd0;
                live_words <= 64'd0;
                live_objects <= 64'd0;
                moved_bytes <= 64'd0;
                accesses <= 64'd0;
                cycles <= 64'd0;
                new_top <= heap_top;
                chip_lo <= 3'd0;
                chip_n <= 4'd0;
                mem_n <= 64'd0;
                cached <= 1'b0;
                in_roots <= 1'b0;
            end
        end else begin
            cycles <= cyc_now;
            if (state == S_CHECK) begin
                if (!cfg_ok) begin
                    error <= ERR_CONFIG;
                    mark_cycles <= 64'd1;
                    state <= S_IDLE;
                    done <= 1'b1;
                end else begin
                    marking <= 1'b1;
                    b <= 64'd0;
                    if (nbw != 64'd0)
                        wr(S_CLR, tab_mark, 64'd0, 8'd0);
                    else
                        parse_next(heap_base, 64'd0, 64'd0);
                end
            end else if (state == S_END) begin
                state <= S_IDLE;
                done <= 1'b1;
                if (error == 3'd0)
                    error_value <= 64'd0;
            end else if (mem_valid && mem_ready && mem_err) begin
                // the failed access's cycle is the end cycle
                error <= ERR_BUS;
                error_addr <= mem_addr;
                error_value <= 64'd0;
                if (marking)
                    mark_cycles <= cycles;
                mem_valid <= 1'b0;
                state <= S_IDLE;
                done <= 1'b1;
            end else if (mem_valid && mem_ready) begin
                accesses <= accesses + 64'd1;
                case (state)
                S_CLR:
                    if (b + 64'd1 < nbw) begin
                        b <= b + 64'd1;
                        wr(S_CLR, tab_mark + ((b + 64'd1) << 3), 64'd0, 8'd0);
                    end else begin
                        parse_next(heap_base, 64'd0, 64'd0);
                    end
                S_PFLUSH:
                    parse_next(p, cur + 64'd1, 64'd0);
                S_PREAD:
                    if (pr_long)
                        fail(ERR_HEADER, p, regform(mem_rdata, mem_rtag));
                    else
                        parse_next(p + (pr_n << 3), cur, m | (64'd1 << pr_w[5:0]));
                S_MROOT:
                    visit(root_base + (ri << 3), K_ROOT);
                S_MSTART:
                    if (!mem_rdata[vw[5:0]])
                        fail(ERR_POINTER, f, error_value);
                    else
                        rd(S_MMARK, tab_mark + ((vw >> 6) << 3));
                S_MMARK:
                    if (mem_rdata[vw[5:0]]) begin
                        resume(cont);
                    end else begin
                        m <= mem_rdata;
                        rd(S_MHEAD, vaddr);
                    end
                S_MHEAD:
                    if (vcons == r_hdr) begin
                        fail(ERR_TYPE, f, error_value);
                    end else begin
                        nwords <= mh_n;
                        b1 <= mh_last >> 6;
                        if ((mh_last >> 6) == (vw >> 6))
                            wr(S_MSET0, tab_mark + ((vw >> 6) << 3), m | (mh_lo & mh_hi), 8'd0);
                        else
                            wr(S_MSET0, tab_mark + ((vw >> 6) << 3), m | mh_lo, 8'd0);
                    end
                S_MSET0:
                    if (b1 == (vw >> 6)) begin
                        marked;
                    end else if (b1 == (vw >> 6) + 64'd1) begin
                        rd(S_MSETLR, tab_mark + (b1 << 3));
                    end else begin
                        b <= (vw >> 6) + 64'd1;
                        wr(S_MSETMID, tab_mark + (((vw >> 6) + 64'd1) << 3), ~64'd0, 8'd0);
                    end
                S_MSETMID:
                    if (b + 64'd1 < b1) begin
                        b <= b + 64'd1;
                        wr(S_MSETMID, tab_mark + ((b + 64'd1) << 3), ~64'd0, 8'd0);
                    end else begin
                        rd(S_MSETLR, tab_mark + (b1 << 3));
                    end
                S_MSETLR:
                    wr(S_MSETLW, tab_mark + (b1 << 3), mem_rdata | mh_hi, 8'd0);
                S_MSETLW:
                    marked;
                S_MSPILL: begin
                    mem_n <= mem_n + 64'd1;
                    push_resume(chip_lo + 3'd1, 4'd7);
                end
                S_MPOPR: begin
                    p <= mem_rdata;
                    rd(S_MOBJ, mem_rdata);
                end
                S_MOBJ:
                    if (r_hdr) begin
                        cont <= K_FIELD;
                        f <= p + 64'd8;
                        fend <= p + (r_size << 3);
                        rd(S_MFIELD, p + 64'd8);
                    end else begin
                        visit(p, K_CAR);
                    end
                S_MFIELD:
                    visit(f, K_FIELD);
                S_ORD: begin
                    m <= mem_rdata;
                    wr(S_OWR, tab_start + (b << 3), total, 8'd0);
                end
                S_OWR: begin
                    total <= total + {57'd0, pc_out};
                    if (b + 64'd1 < nbw) begin
                        b <= b + 64'd1;
                        rd(S_ORD, tab_mark + ((b + 64'd1) << 3));
                    end else begin
                        compact_from(64'd0, heap_base);
                    end
                end
                S_CMARK: begin
                    m <= mem_rdata;
                    if (mem_rdata != 64'd0) begin
                        src <= heap_base + (((b << 6) + {58'd0, ctz_out}) << 3);
                        rd(S_CSRC, heap_base + (((b << 6) + {58'd0, ctz_out}) << 3));
                    end else begin
                        compact_from(b + 64'd1, dst);
                    end
                end
                S_CSRC, S_RRD: begin
                    sd <= mem_rdata;
                    st <= mem_rtag;
                    in_roots <= state == S_RRD;
                    if (!cs_internal) begin
                        if (state == S_RRD)
                            roots_from(ri + 64'd1);
                        else
                            place_raw;
                    end else if (cached && cache_b == (cs_w >> 6)) begin
                        place_now;
                    end else begin
                        rd(S_COFF, tab_start + ((cs_w >> 6) << 3));
                    end
                end
                S_COFF: begin
                    cache_off <= mem_rdata;
                    rd(S_CMK, tab_mark + (fw_b << 3));
                end
                S_CMK: begin
                    cache_mark <= mem_rdata;
                    cache_b <= fw_b;
                    cached <= 1'b1;
                    place(fw_new);
                end
                S_CWR:
                    next_live(dst);
                S_RWR:
                    roots_from(ri + 64'd1);
                S_FWR:
                    free_from(fa + 64'd8);
                default:
                    go_end;
                endcase
            end
        end
    end

endmodule
