// Amber-1 graphics accelerator: command decoder and drawing engine.
//
// docs/devices.md is the specification and emu/dev_gfx.c the golden model;
// this unit issues the same memory operations in the same order and takes
// the same number of cycles (tests/rtl holds it to the model).
//
// Command words arrive on a valid/ready stream (the FIFO or the ring fetcher
// in front of it). Memory is one 32-bit word per access:
//
//   mem_valid  the unit requests an access; mem_we, mem_addr (byte address,
//              4-aligned), mem_wdata and mem_wmask are stable while it waits
//   mem_ready  the memory completes the access in this cycle; read data is
//              on mem_rdata in the same cycle; mem_err (with mem_ready) says
//              the access failed (a BUS error)
//
// Cycle model: an access answered in the cycle it is requested costs the one
// cycle the specification gives it; every cycle mem_ready stays low adds one,
// exactly like the wait states the C model's memory port returns. An access
// that fails must answer at once (the C model counts no wait states for it).
//
// Verilog-2005, the subset Verilator 5.006 and Yosys 0.23 both accept.
module gfx_core #(
    parameter AW = 32,          // memory address bits kept (the model has 64)
    parameter FORMATS = 2'b11,  // bit 0 XRGB8888, bit 1 RGB565 supported
    parameter HAS_TRI = 1,      // 0: no TRI (its opcode is then an OPCODE error)
    parameter CNT_W = 64        // width of the CYCLES and PIXELS counters
) (
    input  wire          clk,
    input  wire          rst,
    // command words
    input  wire          cmd_valid,
    input  wire [31:0]   cmd_data,
    output wire          cmd_ready,
    input  wire          cmd_wait,    // the next word is on its way (a ring read waits)
    output wire [2:0]    hdr_len_m1,  // words - 1 of a command whose header is cmd_data
    // memory port
    output reg           mem_valid,
    output reg           mem_we,
    output reg  [AW-1:0] mem_addr,
    output reg  [31:0]   mem_wdata,
    output reg  [3:0]    mem_wmask,
    input  wire          mem_ready,
    input  wire [31:0]   mem_rdata,
    input  wire          mem_err,
    // control and status
    input  wire          cmd_abort,   // drop the command in flight, clear the error
    output wire          busy,        // a command is being fetched or executed
    output wire          partial,     // part of a command has been fetched
    output reg  [3:0]    error,
    output reg  [31:0]   error_word,
    output reg  [31:0]   fence,
    output reg           fence_hit,   // one cycle: a FENCE completed
    output reg  [CNT_W-1:0] cycles,
    output reg  [CNT_W-1:0] pixels
);
    // ---- opcodes, errors (include/amber/hw.h) ----
    localparam OP_NOP = 4'd0, OP_SURFACE = 4'd1, OP_CLIP = 4'd2, OP_FILL = 4'd3,
               OP_COPY = 4'd4, OP_LINE = 4'd5, OP_TRI = 4'd6, OP_GLYPH = 4'd7,
               OP_FENCE = 4'd8;
    localparam ERR_OPCODE = 4'd1, ERR_SURFACE = 4'd2, ERR_BUS = 4'd3, ERR_ARG = 4'd7;

    localparam S_FETCH = 3'd0, S_SETUP = 3'd1, S_ROW = 3'd2, S_PIX = 3'd3,
               S_RD = 3'd4, S_WR = 3'd5, S_ERR = 3'd6;

    reg [2:0]  state;
    reg [31:0] w [0:7];         // the command's words
    reg [2:0]  nw;              // words fetched so far
    reg [2:0]  len_m1;          // command length - 1
    reg [1:0]  scnt;            // setup cycle
    reg [3:0]  op;

    // ---- header decoding ----
    wire       h_valid;
    wire [2:0] h_len_m1;
    gfx_cmd_len #(.HAS_TRI(HAS_TRI)) hdr_dec (.hdr(cmd_data), .valid(h_valid), .len_m1(h_len_m1));
    assign hdr_len_m1 = h_len_m1;

    // Setup cycles minus one (docs/devices.md, "Cycle costs"); NOP has none.
    reg [1:0] setup_m1;
    always @(*) begin
        case (op)
        OP_FILL, OP_COPY, OP_LINE, OP_GLYPH: setup_m1 = 2'd1;
        OP_TRI: setup_m1 = 2'd3;
        default: setup_m1 = 2'd0;
        endcase
    end
    wire last_setup = scnt == setup_m1;

    // ---- surface and clip ----
    reg          surf_valid;
    reg          surf_565;
    reg [AW-1:0] surf_base;
    reg [31:0]   surf_stride;
    reg [12:0]   surf_w, surf_h;
    // The clip rectangle already intersected with the surface: what every
    // command needs, and the surface resets the clip anyway.
    reg signed [19:0] cx0, cy0, cx1, cy1;

    // ---- the current command's fields ----
    wire [3:0] rop = w[0][11:8];
    // ROPs 0, 3, 12 and 15 do not depend on the destination.
    wire rop_d = !(rop == 4'd0 || rop == 4'd3 || rop == 4'd12 || rop == 4'd15);

    function signed [19:0] sx16(input [15:0] v);  // signed 16-bit coordinate
        sx16 = {{4{v[15]}}, v};
    endfunction
    function signed [19:0] zx16(input [15:0] v);  // unsigned 16-bit size
        zx16 = {4'd0, v};
    endfunction
    function signed [19:0] smax(input signed [19:0] a, input signed [19:0] b);
        smax = a > b ? a : b;
    endfunction
    function signed [19:0] smin(input signed [19:0] a, input signed [19:0] b);
        smin = a < b ? a : b;
    endfunction
    function [31:0] rop_apply(input [3:0] r, input [31:0] s, input [31:0] d);
        rop_apply = ({32{r[3]}} & ~s & ~d) | ({32{r[2]}} & ~s & d) |
                    ({32{r[1]}} & s & ~d) | ({32{r[0]}} & s & d);
    endfunction

    // Drawing loop state.
    reg signed [19:0] rx0, ry0, rx1, ry1;   // the clipped rectangle
    reg signed [19:0] px, py;               // the current pixel
    reg signed [19:0] ox, oy;               // COPY: source - destination
    reg               up, left;             // COPY: directions
    reg [31:0]        src;                  // COPY: the source pixel
    reg [31:0]        dst;                  // the destination pixel read
    // LINE: Bresenham's state, wide enough for 16-bit end points.
    reg signed [19:0] lx1, ly1;
    reg signed [21:0] ldx, ldy, lerr;
    reg               lsx, lsy;             // step is -1
    // GLYPH
    reg [AW-1:0]      gline;                // source address of the row
    reg [31:0]        gbits;
    reg               ghave;                // gbits holds word gword of the row
    reg [15:0]        gword;

    // ---- pixel addresses ----
    // 64-bit quantities cut (or widened) to the address width.
    wire [63:0] s_base64 = {w[2], w[1]};
    wire [63:0] g_src64 = {w[6], w[5]};
    wire [63:0] stride64 = {32'd0, surf_stride};
    wire [63:0] gstride64 = {32'd0, w[7]};
    wire [AW-1:0] stride_a = stride64[AW-1:0];
    // Byte address of a pixel inside the surface: base + y * stride + x * bpp,
    // for (px, py), or the COPY source in the cycle that reads it. One
    // multiplier serves every access; S_ROW, which makes none, borrows it
    // for the GLYPH source row (row * source stride).
    localparam MW = AW < 20 ? AW : 20;
    wire signed [19:0] sxp = px + ox, syp = py + oy;
    wire        at_src = state == S_PIX && op == OP_COPY;
    wire [19:0] grow;
    wire [19:0] grow_i;
    wire [AW-1:0] g_stride;
    wire [19:0] m_y = state == S_ROW ? grow_i : at_src ? {8'd0, syp[11:0]} : {8'd0, py[11:0]};
    wire [AW-1:0] m_s = state == S_ROW ? g_stride : stride_a;
    wire [MW-1:0] m_yw = m_y[MW-1:0];
    wire [AW-1:0] m_p = m_yw * m_s;
    wire [11:0] m_x = at_src ? sxp[11:0] : px[11:0];
    wire [AW-1:0] a_pix = surf_base + m_p + (surf_565 ? {m_x, 1'b0} : {m_x, 2'b00});

    // A read pixel: a word, or its matching half for RGB565.
    function [31:0] pix_of(input [31:0] word, input a1);
        pix_of = surf_565 ? {16'd0, a1 ? word[31:16] : word[15:0]} : word;
    endfunction

    // ---- TRI: edge functions, evaluated incrementally ----
    // E(px, py) = (bx-ax)(2py+1-2ay) - (by-ay)(2px+1-2ax) for each edge a->b of
    // the counter-clockwise triangle. Setup computes the area (cycle 0) and
    // E at the box's top-left pixel for one edge a cycle (cycles 1 to 3) on
    // two shared multipliers; the walk then only adds: -2(by-ay) a pixel,
    // +2(bx-ax) a row. 40 bits hold every value exactly for 16-bit vertices.
    wire signed [19:0] v0x = sx16(w[2][15:0]), v0y = sx16(w[2][31:16]);
    wire signed [19:0] v1x = sx16(w[3][15:0]), v1y = sx16(w[3][31:16]);
    wire signed [19:0] v2x = sx16(w[4][15:0]), v2y = sx16(w[4][31:16]);
    reg               tri_neg, tri_zero;    // area < 0 (v1, v2 swapped), = 0
    // Vertices after the swap.
    wire signed [19:0] t1x = tri_neg ? v2x : v1x, t1y = tri_neg ? v2y : v1y;
    wire signed [19:0] t2x = tri_neg ? v1x : v2x, t2y = tri_neg ? v1y : v2y;
    reg signed [19:0]  eax, eay, ebx, eby;  // the edge set up in this cycle
    always @(*) begin
        case (scnt)
        2'd1: begin eax = v0x; eay = v0y; ebx = t1x; eby = t1y; end
        2'd2: begin eax = t1x; eay = t1y; ebx = t2x; eby = t2y; end
        default: begin eax = t2x; eay = t2y; ebx = v0x; eby = v0y; end
        endcase
    end
    wire signed [20:0] ma1 = scnt == 2'd0 ? v1x - v0x : ebx - eax;
    wire signed [20:0] mb1 = scnt == 2'd0 ? v2y - v0y : (ry0 <<< 1) + 21'sd1 - (eay <<< 1);
    wire signed [20:0] ma2 = scnt == 2'd0 ? v1y - v0y : eby - eay;
    wire signed [20:0] mb2 = scnt == 2'd0 ? v2x - v0x : (rx0 <<< 1) + 21'sd1 - (eax <<< 1);
    wire signed [41:0] tprod = HAS_TRI != 0 ? ma1 * mb1 - ma2 * mb2 : 42'sd0;
    // Per edge: E at the current pixel, E at the row's first pixel, the steps
    // and the tie rule (a centre on the edge belongs to it if by > ay, or
    // by = ay and bx < ax).
    reg signed [41:0] te0, te1, te2, tr0, tr1, tr2;
    reg signed [20:0] tdx0, tdx1, tdx2, tdy0, tdy1, tdy2;
    reg               tt0, tt1, tt2;
    wire tri_in = (te0 > 0 || (te0 == 0 && tt0)) && (te1 > 0 || (te1 == 0 && tt1)) &&
                  (te2 > 0 || (te2 == 0 && tt2));

    // ---- per-pixel decisions ----
    wire inside_clip = px >= cx0 && px < cx1 && py >= cy0 && py < cy1;
    // GLYPH: column i and its source word.
    wire [19:0] gi = px - sx16(w[3][15:0]);
    wire        gpat = w[0][13];
    wire [15:0] gwi = gpat ? 16'd0 : gi[19:5];
    wire        gneed = !ghave || gword != gwi;
    wire [4:0]  gb = gi[4:0];
    wire        gon = gbits[{gb[4:3], ~gb[2:0]}];
    wire        gtransp = w[0][12];

    // Whether the pixel at (px, py) is written (COPY decides in S_PIX by reading).
    reg draws;
    always @(*) begin
        case (op)
        OP_LINE: draws = inside_clip;
        OP_TRI: draws = HAS_TRI != 0 && tri_in;
        OP_GLYPH: draws = gon || !gtransp;
        default: draws = 1'b1;
        endcase
    end
    wire [31:0] colour = op == OP_COPY ? src : op == OP_GLYPH ? (gon ? w[1] : w[2]) : w[1];

    // The memory access of this cycle.
    always @(*) begin
        mem_valid = 1'b0;
        mem_we = 1'b0;
        mem_addr = a_pix;
        case (state)
        S_PIX:
            if (op == OP_COPY) begin
                mem_valid = 1'b1;
            end else if (op == OP_GLYPH && gneed) begin
                mem_valid = 1'b1;
                mem_addr = gline + {gwi, 2'b00};
            end else if (draws) begin
                mem_valid = 1'b1;
                mem_we = !rop_d;
            end
        S_RD: mem_valid = 1'b1;
        S_WR: begin mem_valid = 1'b1; mem_we = 1'b1; end
        default: ;
        endcase
        mem_addr[1:0] = 2'b00;
    end
    wire [31:0] wval = rop_apply(rop, colour, rop_d ? dst : 32'd0);
    always @(*) begin
        if (surf_565) begin
            mem_wdata = px[0] ? {wval[15:0], 16'd0} : {16'd0, wval[15:0]};
            mem_wmask = px[0] ? 4'hC : 4'h3;
        end else begin
            mem_wdata = wval;
            mem_wmask = 4'hF;
        end
    end
    wire mem_done = mem_valid && mem_ready;

    // ---- the walk to the next pixel ----
    // Rectangles: along the row, then to the next row; COPY may walk
    // backwards. LINE: one Bresenham step.
    wire row_end = left ? px == rx0 : px == rx1 - 20'sd1;
    wire all_end = up ? py == ry0 : py == ry1 - 20'sd1;
    wire line_end = px == lx1 && py == ly1;
    wire signed [21:0] e2 = lerr <<< 1;

    // ---- status ----
    assign cmd_ready = state == S_FETCH || state == S_ERR;
    assign busy = !(state == S_FETCH && nw == 3'd0) && state != S_ERR;
    assign partial = state == S_FETCH && nw != 3'd0;

    // ---- setup arithmetic (combinational, registered in S_SETUP) ----
    // FILL, GLYPH: [x, x+w) x [y, y+h) within the clip.  COPY: the same for
    // the destination, and the source must lie in the surface.
    wire signed [19:0] c_dx = sx16(w[2][15:0]), c_dy = sx16(w[2][31:16]);
    wire signed [19:0] c_ox = sx16(w[1][15:0]) - c_dx, c_oy = sx16(w[1][31:16]) - c_dy;
    wire signed [19:0] g_x = sx16(w[3][15:0]), g_y = sx16(w[3][31:16]);
    // One max/min tree for every command (operands chosen first, so the
    // comparators are shared): the clip, the command's rectangle a, and a
    // second bound b (COPY: where the source lies inside the surface).
    wire [31:0] pos_w = op == OP_GLYPH ? w[3] : w[2];
    wire [31:0] size_w = op == OP_GLYPH ? w[4] : w[3];
    wire signed [19:0] p_x = sx16(pos_w[15:0]), p_y = sx16(pos_w[31:16]);
    reg signed [19:0] a_x0, a_y0, a_x1, a_y1, b_x0, b_y0, b_x1, b_y1;
    always @(*) begin
        a_x0 = p_x; a_x1 = p_x + zx16(size_w[15:0]);
        a_y0 = p_y; a_y1 = p_y + zx16(size_w[31:16]);
        b_x0 = cx0; b_y0 = cy0; b_x1 = cx1; b_y1 = cy1;
        if (op == OP_COPY) begin
            b_x0 = -c_ox; b_x1 = $signed({7'd0, surf_w}) - c_ox;
            b_y0 = -c_oy; b_y1 = $signed({7'd0, surf_h}) - c_oy;
        end
        if (HAS_TRI && op == OP_TRI) begin
            a_x0 = smin(v0x, smin(v1x, v2x)); a_x1 = smax(v0x, smax(v1x, v2x));
            a_y0 = smin(v0y, smin(v1y, v2y)); a_y1 = smax(v0y, smax(v1y, v2y));
        end
    end
    wire signed [19:0] n_x0 = smax(smax(cx0, a_x0), b_x0);
    wire signed [19:0] n_y0 = smax(smax(cy0, a_y0), b_y0);
    wire signed [19:0] n_x1 = smin(smin(cx1, a_x1), b_x1);
    wire signed [19:0] n_y1 = smin(smin(cy1, a_y1), b_y1);
    wire rect_empty = rx0 >= rx1 || ry0 >= ry1;

    // SURFACE checks.
    wire [7:0]  s_fmt = w[0][15:8];
    wire [12:0] s_w = w[4][15:0] > 16'd4096 ? 13'd0 : w[4][12:0];
    wire [12:0] s_h = w[4][31:16] > 16'd4096 ? 13'd0 : w[4][28:16];
    wire [14:0] s_row_bytes = s_fmt == 8'd1 ? {1'b0, s_w, 1'b0} : {s_w, 2'b00};
    wire s_ok = (s_fmt == 8'd0 ? FORMATS[0] : s_fmt == 8'd1 ? FORMATS[1] : 1'b0) &&
                w[1][1:0] == 2'b00 && w[3][1:0] == 2'b00 &&
                s_w != 13'd0 && s_h != 13'd0 && w[3] >= {17'd0, s_row_bytes};

    // GLYPH source line: src + (pattern ? row % 8 : row) * stride.
    // (in S_ROW, through the shared multiplier)
    assign grow = py - g_y;
    wire [AW-1:0] g_src = g_src64[AW-1:0];
    assign g_stride = gstride64[AW-1:0];
    assign grow_i = gpat ? {17'd0, grow[2:0]} : grow;
    wire [AW-1:0] gline_n = g_src + m_p;

    // ---- cycle counting ----
    // One per busy cycle. A command's fetch cycles count when its last word
    // arrives, all at once, because the model charges nothing for the words
    // of a ring command whose fetch fails; a ring read's wait states count
    // as they happen (cmd_wait). The model charges a COPY source read that
    // fails as the two cycles of the pixel, a GLYPH source read that fails
    // as none.
    wire       f_last = nw == 3'd0 ? h_len_m1 == 3'd0 : nw == len_m1;
    wire [2:0] f_len_m1 = nw == 3'd0 ? h_len_m1 : len_m1;
    reg [3:0] cyc_inc;
    always @(*) begin
        cyc_inc = 4'd1;
        if (state == S_FETCH) cyc_inc = cmd_valid ? (f_last ? {1'b0, f_len_m1} + 4'd1 : 4'd0) : {3'd0, cmd_wait};
        else if (state == S_ERR) cyc_inc = 4'd0;
        else if (state == S_PIX && mem_done && mem_err) begin
            if (op == OP_COPY) cyc_inc = 4'd2;
            else if (op == OP_GLYPH && gneed) cyc_inc = 4'd0;
        end
    end

    task fail(input [3:0] code);
        begin
            state <= S_ERR;
            error <= code;
            error_word <= w[0];
        end
    endtask

    // Step to the next pixel of the command, or end it.
    task advance;
        begin
            state <= S_PIX;
            if (op == OP_LINE) begin
                if (line_end) state <= S_FETCH;
                if (e2 >= ldy) begin lerr <= lerr + ldy + ((e2 <= ldx) ? ldx : 22'sd0); px <= lsx ? px - 20'sd1 : px + 20'sd1; end
                else if (e2 <= ldx) lerr <= lerr + ldx;
                if (e2 <= ldx) py <= lsy ? py - 20'sd1 : py + 20'sd1;
            end else if (row_end) begin
                tr0 <= tr0 + (tdx0 <<< 1);
                tr1 <= tr1 + (tdx1 <<< 1);
                tr2 <= tr2 + (tdx2 <<< 1);
                if (all_end) state <= S_FETCH;
                else state <= S_ROW;
                py <= up ? py - 20'sd1 : py + 20'sd1;
            end else begin
                px <= left ? px - 20'sd1 : px + 20'sd1;
                te0 <= te0 - (tdy0 <<< 1);
                te1 <= te1 - (tdy1 <<< 1);
                te2 <= te2 - (tdy2 <<< 1);
            end
        end
    endtask

    integer k;
    always @(posedge clk) begin
        fence_hit <= 1'b0;
        if (rst) begin
            state <= S_FETCH;
            nw <= 3'd0;
            error <= 4'd0;
            error_word <= 32'd0;
            fence <= 32'd0;
            cycles <= {CNT_W{1'b0}};
            pixels <= {CNT_W{1'b0}};
            surf_valid <= 1'b0;
            ghave <= 1'b0;
        end else if (cmd_abort) begin
            state <= S_FETCH;
            nw <= 3'd0;
            error <= 4'd0;
            error_word <= 32'd0;
        end else begin
            cycles <= cycles + {{(CNT_W-4){1'b0}}, cyc_inc};
            if (mem_done && mem_we && !(state == S_PIX && op == OP_GLYPH && gneed))
                pixels <= pixels + {{(CNT_W-1){1'b0}}, 1'b1};
            case (state)
            S_FETCH:
                if (cmd_valid) begin
                    w[nw] <= cmd_data;
                    if (nw == 3'd0) begin
                        op <= cmd_data[3:0];
                        len_m1 <= h_len_m1;
                        scnt <= 2'd0;
                        if (!h_valid) begin
                            state <= S_ERR;
                            error <= ERR_OPCODE;
                            error_word <= cmd_data;
                        end else if (h_len_m1 != 3'd0)
                            nw <= 3'd1;
                        // NOP: done in its fetch cycle
                    end else if (nw == len_m1) begin
                        nw <= 3'd0;
                        state <= S_SETUP;
                    end else
                        nw <= nw + 3'd1;
                end
            S_SETUP: begin
                scnt <= scnt + 2'd1;
                // Every setup cycle before the last works out the rectangle.
                rx0 <= n_x0; ry0 <= n_y0; rx1 <= n_x1; ry1 <= n_y1;
                if (scnt == 2'd0) begin
                    // COPY: walk away from the source where they overlap.
                    ox <= c_ox;
                    oy <= c_oy;
                    up <= op == OP_COPY && c_oy < 0;
                    left <= op == OP_COPY && c_oy == 0 && c_ox < 0;
                    if (op == OP_LINE) begin
                        px <= sx16(w[2][15:0]);
                        py <= sx16(w[2][31:16]);
                        lx1 <= sx16(w[3][15:0]);
                        ly1 <= sx16(w[3][31:16]);
                        lsx <= !(sx16(w[2][15:0]) < sx16(w[3][15:0]));
                        lsy <= !(sx16(w[2][31:16]) < sx16(w[3][31:16]));
                        // dx = |x1-x0|, dy = -|y1-y0|, err = dx + dy
                        ldx <= sx16(w[3][15:0]) > sx16(w[2][15:0]) ?
                               sx16(w[3][15:0]) - sx16(w[2][15:0]) :
                               sx16(w[2][15:0]) - sx16(w[3][15:0]);
                        ldy <= sx16(w[3][31:16]) > sx16(w[2][31:16]) ?
                               sx16(w[2][31:16]) - sx16(w[3][31:16]) :
                               sx16(w[3][31:16]) - sx16(w[2][31:16]);
                    end
                end
                if (scnt == 2'd1 && op == OP_LINE)
                    lerr <= ldx + ldy;
                // TRI: the area, then one edge a cycle.
                if (scnt == 2'd0) begin
                    tri_neg <= tprod < 0;
                    tri_zero <= tprod == 0;
                end
                if (scnt == 2'd1) begin tr0 <= tprod; tdx0 <= ebx - eax; tdy0 <= eby - eay; tt0 <= eby > eay || (eby == eay && ebx < eax); end
                if (scnt == 2'd2) begin tr1 <= tprod; tdx1 <= ebx - eax; tdy1 <= eby - eay; tt1 <= eby > eay || (eby == eay && ebx < eax); end
                if (scnt == 2'd3) begin tr2 <= tprod; tdx2 <= ebx - eax; tdy2 <= eby - eay; tt2 <= eby > eay || (eby == eay && ebx < eax); end
                if (last_setup) begin
                    state <= S_FETCH;
                    case (op)
                    OP_SURFACE:
                        if (s_ok) begin
                            surf_valid <= 1'b1;
                            surf_565 <= s_fmt == 8'd1;
                            surf_base <= s_base64[AW-1:0];
                            surf_stride <= w[3];
                            surf_w <= s_w;
                            surf_h <= s_h;
                            cx0 <= 20'sd0; cy0 <= 20'sd0;
                            cx1 <= $signed({7'd0, s_w});
                            cy1 <= $signed({7'd0, s_h});
                        end else begin
                            surf_valid <= 1'b0;
                            fail(ERR_SURFACE);
                        end
                    OP_CLIP:
                        if (!surf_valid) fail(ERR_SURFACE);
                        else begin
                            cx0 <= smax(sx16(w[1][15:0]), 20'sd0);
                            cy0 <= smax(sx16(w[1][31:16]), 20'sd0);
                            cx1 <= smin(sx16(w[2][15:0]), $signed({7'd0, surf_w}));
                            cy1 <= smin(sx16(w[2][31:16]), $signed({7'd0, surf_h}));
                        end
                    OP_FENCE: begin
                        fence <= w[1];
                        fence_hit <= 1'b1;
                    end
                    OP_FILL, OP_COPY, OP_GLYPH:
                        if (!surf_valid) fail(ERR_SURFACE);
                        else if (op == OP_GLYPH && (w[5][1:0] != 2'b00 || w[7][1:0] != 2'b00))
                            fail(ERR_ARG);
                        else if (!rect_empty) begin
                            state <= S_ROW;
                            px <= left ? rx1 - 20'sd1 : rx0;
                            py <= up ? ry1 - 20'sd1 : ry0;
                        end
                    OP_LINE:
                        if (!surf_valid) fail(ERR_SURFACE);
                        else state <= S_PIX;
                    OP_TRI:
                        if (!surf_valid) fail(ERR_SURFACE);
                        else if (!tri_zero && !rect_empty) begin
                            state <= S_ROW;
                            px <= rx0;
                            py <= ry0;
                        end
                    default: ;
                    endcase
                end
            end
            S_ROW: begin
                state <= S_PIX;
                px <= left ? rx1 - 20'sd1 : rx0;
                ghave <= 1'b0;
                gline <= gline_n;
                te0 <= tr0;
                te1 <= tr1;
                te2 <= tr2;
            end
            S_PIX:
                if (op == OP_COPY) begin
                    if (mem_done) begin
                        if (mem_err) fail(ERR_BUS);
                        else begin
                            src <= pix_of(mem_rdata, sxp[0]);
                            state <= rop_d ? S_RD : S_WR;
                        end
                    end
                end else if (op == OP_GLYPH && gneed) begin
                    if (mem_done) begin
                        if (mem_err) fail(ERR_BUS);
                        else begin
                            gbits <= mem_rdata;
                            ghave <= 1'b1;
                            gword <= gwi;
                        end
                    end
                end else if (!draws)
                    advance;
                else if (mem_done) begin
                    if (mem_err) fail(ERR_BUS);
                    else if (rop_d) begin
                        dst <= pix_of(mem_rdata, px[0]);
                        state <= S_WR;
                    end else
                        advance;
                end
            S_RD:
                if (mem_done) begin
                    if (mem_err) fail(ERR_BUS);
                    else begin
                        dst <= pix_of(mem_rdata, px[0]);
                        state <= S_WR;
                    end
                end
            S_WR:
                if (mem_done) begin
                    if (mem_err) fail(ERR_BUS);
                    else advance;
                end
            S_ERR:
                ; // stopped until abort; words offered are dropped
            default: state <= S_ERR;
            endcase
        end
    end

    // The command words need no reset (each command writes the words it
    // reads before it reads them); a known power-up value only makes
    // waveforms easier to read. The tests randomise every other flop's
    // power-up value, so no hidden reset dependence goes unnoticed.
    initial begin
        for (k = 0; k < 8; k = k + 1) w[k] = 32'd0;
    end
endmodule
