// Amber-1 graphics accelerator with its register block (docs/devices.md,
// "Graphics accelerator"): the registers, the 256-word command FIFO, the
// ring-buffer fetcher, the interrupt, and gfx_core behind them.
//
// Register port: one 32-bit access a cycle at byte offset reg_addr of the
// device page. reg_rdata is combinational: it shows the register at
// reg_addr in this cycle (no register has a read side effect). A write
// takes effect at the clock edge. A 64-bit access is two 32-bit ones, low
// half first; that, and faulting other sizes, is the bus bridge's job.
//
// Timing follows the C model (emu/dev_gfx.c), which starts a command when
// the previous one ends or, at an idle unit, when its header is written,
// and charges one cycle per word fetched:
// - The FIFO hands each word to the decoder as soon as it can (the cycle
//   after it is written, at the earliest), but counts a command's words
//   out (FIFO_FREE, STATUS.PARTIAL) only once the whole command is in and
//   has started, when the model pops it.
// - The ring fetcher reads a command's words through the memory port one a
//   cycle and hands each to the decoder as it arrives; the read's wait
//   states count as cycles (the model adds them to the command's cost).
// The model runs a whole command at its start; this unit spreads it over
// its cycles, so FENCE, ERROR, ERROR_WORD, IRQ_STATUS, RING_HEAD, CYCLES and
// PIXELS agree with the model whenever the unit is not BUSY, the rest in
// every cycle, as long as software writes each command's words to the FIFO
// in consecutive cycles: the model runs a command whose words trickle in at
// the time its header came, which hardware cannot. docs/hardware.md lists
// the differences.
module gfx_accel #(
    parameter AW = 32,          // as gfx_core
    parameter FORMATS = 2'b11,
    parameter HAS_TRI = 1,
    parameter CNT_W = 64
) (
    input  wire          clk,
    input  wire          rst,
    // register port
    input  wire          reg_we,
    input  wire [11:0]   reg_addr,
    input  wire [31:0]   reg_wdata,
    output reg  [31:0]   reg_rdata,
    output wire          irq,
    // memory port, as gfx_core's (the ring fetcher reads through it too)
    output wire          mem_valid,
    output wire          mem_we,
    output wire [AW-1:0] mem_addr,
    output wire [31:0]   mem_wdata,
    output wire [3:0]    mem_wmask,
    input  wire          mem_ready,
    input  wire [31:0]   mem_rdata,
    input  wire          mem_err
);
    // ---- offsets and codes (include/amber/hw.h) ----
    localparam R_ID = 12'h000, R_VERSION = 12'h004, R_CTRL = 12'h008, R_STATUS = 12'h00C,
               R_IRQ_STATUS = 12'h010, R_IRQ_ENABLE = 12'h014, R_FIFO = 12'h018,
               R_FIFO_FREE = 12'h01C, R_RING_BASE = 12'h020, R_RING_BASE_HI = 12'h024,
               R_RING_SIZE = 12'h028, R_RING_HEAD = 12'h02C, R_RING_TAIL = 12'h030,
               R_FENCE = 12'h034, R_ERROR = 12'h038, R_ERROR_WORD = 12'h03C,
               R_CYCLES = 12'h040, R_CYCLES_HI = 12'h044, R_PIXELS = 12'h048,
               R_PIXELS_HI = 12'h04C;
    localparam ERR_BUS = 3'd3, ERR_TRUNCATED = 3'd4, ERR_RING = 3'd5, ERR_OVERFLOW = 3'd6;

    // ---- the decoder ----
    wire          c_valid, c_wait, c_abort;
    wire [31:0]   c_data;
    wire [2:0]    c_len_m1;            // length of the header on c_data
    wire          c_mem_valid, c_mem_we;
    wire [AW-1:0] c_mem_addr;
    wire          c_busy, c_partial, c_fence_hit;
    wire [3:0]    c_error;
    wire [31:0]   c_error_word, c_fence;
    wire [CNT_W-1:0] c_cycles, c_pixels;
    gfx_core #(.AW(AW), .FORMATS(FORMATS), .HAS_TRI(HAS_TRI), .CNT_W(CNT_W)) core (
        .clk(clk), .rst(rst),
        .cmd_valid(c_valid), .cmd_data(c_data), .cmd_ready(),  // it takes every word while it fetches
        .cmd_wait(c_wait), .hdr_len_m1(c_len_m1),
        .mem_valid(c_mem_valid), .mem_we(c_mem_we), .mem_addr(c_mem_addr),
        .mem_wdata(mem_wdata), .mem_wmask(mem_wmask),
        .mem_ready(mem_ready), .mem_rdata(mem_rdata), .mem_err(mem_err),
        .cmd_abort(c_abort), .busy(c_busy), .partial(c_partial),
        .error(c_error), .error_word(c_error_word), .fence(c_fence), .fence_hit(c_fence_hit),
        .cycles(c_cycles), .pixels(c_pixels)
    );
    wire c_idle = !c_busy && c_error == 4'd0;
    wire c_executing = c_busy && !c_partial;   // past its fetch

    // ---- registers ----
    reg           ctrl_ring;
    reg  [1:0]    irq_st, irq_en;
    reg  [AW-1:0] rbase;
    reg  [31:0]   rsize;
    reg  [19:0]   head, tail;              // byte offsets in the ring
    reg  [2:0]    fe_code;                 // an error found here, not in the decoder
    reg  [31:0]   fe_word;
    reg           c_err_seen;

    wire err = fe_code != 3'd0 || c_error != 4'd0;
    wire [63:0] rbase64 = rbase;
    wire [63:0] cycles64 = c_cycles;
    wire [63:0] pixels64 = c_pixels;

    wire [14:0] rsz = rsize[20:6];
    wire ring_ok = rbase[1:0] == 2'b00 && rsize[31:21] == 11'd0 && rsize[5:0] == 6'd0 &&
                   rsz != 15'd0 && (rsz & (rsz - 15'd1)) == 15'd0;
    wire [19:0] rmask = rsize[19:0] - 20'd1;
    wire ring_pend = ctrl_ring && ring_ok && head != tail;

    wire wr_ctrl = reg_we && reg_addr == R_CTRL;
    wire abort = wr_ctrl && reg_wdata[1];
    wire wr_tail = reg_we && reg_addr == R_RING_TAIL;
    wire tail_bad = !ring_ok || reg_wdata >= rsize || reg_wdata[1:0] != 2'b00;

    // ---- the FIFO ----
    // fl: words the model would count in the FIFO (FIFO_FREE = 256 - fl):
    // those of the command being handed over stay in until it is whole and
    // started. fcmds: whole commands among them. wrem: words still to come
    // of the command being written. favail: words in the FIFO's storage,
    // not yet handed over. fs_rem: words of the started command still to
    // hand over. hs, hs_len: the command at the head has started and is
    // not yet whole; its length.
    reg  [8:0] fl, fcmds, favail;
    reg  [2:0] wrem, fs_rem;
    reg        hs;
    reg  [3:0] hs_len;
    wire [31:0] fifo_q;
    wire [2:0] w_len_m1;
    gfx_cmd_len #(.HAS_TRI(HAS_TRI)) wdec (.hdr(reg_wdata), .valid(), .len_m1(w_len_m1));
    wire wr_fifo = reg_we && reg_addr == R_FIFO && !err;
    wire fw = wr_fifo && !fl[8];
    wire overflow = wr_fifo && fl[8];
    wire w_ends = wrem == 3'd0 ? w_len_m1 == 3'd0 : wrem == 3'd1;

    // ---- the ring fetcher ----
    reg        rf_active, rf_drop;         // rf_drop: an abort withdrew the read
    reg  [2:0] rf_k, rf_n_m1;              // word of the command being read, its length

    // ---- choosing the source ----
    // The model, at a register write, first starts what is due, then makes
    // the write, then starts what the write made due. Here both happen in
    // the write's cycle: the FIFO while it holds any word, else the ring as
    // it was; failing both, the word just written (straight to the decoder,
    // past the storage) or a ring submission just made.
    wire [19:0] tail_now = wr_tail && !tail_bad ? reg_wdata[19:0] : tail;
    wire ring_go_ok = ring_pend ||
                      ((wr_ctrl ? reg_wdata[0] && !abort : ctrl_ring) && ring_ok && head != tail_now);
    wire go_ring = c_idle && !err && fl == 9'd0 && ring_go_ok && !rf_active;
    wire f_has = favail != 9'd0 || fw;                 // a word for the decoder
    wire [31:0] f_word = favail != 9'd0 ? fifo_q : reg_wdata;
    wire go_fifo = c_idle && !err && f_has && !rf_active && !go_ring;
    wire rf_req = go_ring || rf_active;
    wire [19:0] ring_bytes = (tail_now - head) & rmask;
    wire [3:0] c_len = {1'b0, c_len_m1} + 4'd1;
    wire trunc = rf_k == 3'd0 && {14'd0, c_len, 2'b00} > ring_bytes;
    wire rf_take = rf_req && !rf_drop && mem_ready && !mem_err && !trunc;
    wire f_take = go_fifo || (fs_rem != 3'd0 && f_has);
    wire f_store = fw && !(f_take && favail == 9'd0);
    // The head command leaves the count once it has started and is whole
    // (a write may make it whole in this very cycle).
    wire pop = (go_fifo || hs) && (fcmds != 9'd0 || (fw && w_ends));
    wire [3:0] pop_len = hs ? hs_len : c_len;
    // A command left half written by an error never completes.
    wire fs_stuck = err && hs && fcmds == 9'd0;

    gfx_fifo fifo (
        .clk(clk), .rst(rst), .clr(abort), .we(f_store), .wdata(reg_wdata),
        .pop(f_take && favail != 9'd0), .q(fifo_q)
    );

    assign c_valid = rf_req ? rf_take : f_take;
    assign c_data = rf_req ? mem_rdata : f_word;
    assign c_wait = rf_req && !rf_drop && !mem_ready;
    // An abort drops a command being fetched, not one being executed.
    assign c_abort = abort && !c_executing;

    wire [63:0] ring_addr = rbase64 + {44'd0, head};
    assign mem_valid = c_mem_valid || rf_req;
    assign mem_we = !rf_req && c_mem_we;
    assign mem_addr = rf_req ? ring_addr[AW-1:0] : c_mem_addr;

    // ---- what a read shows: the state after the command started now ----
    wire [8:0] fl_now = fl - (pop ? {5'd0, pop_len} : 9'd0);
    wire [8:0] fcmds_now = fcmds - {8'd0, pop};
    wire in_flight = rf_active || go_ring || go_fifo || (fs_rem != 3'd0 && !fs_stuck) || c_executing;
    wire busy = in_flight || (!err && (fl != 9'd0 || ring_pend));
    wire partial = fl_now != 9'd0 && fcmds_now == 9'd0;
    wire c_err_rise = c_error != 4'd0 && !c_err_seen;
    wire [1:0] irq_now = irq_st | {c_err_rise, c_fence_hit};
    assign irq = (irq_now & irq_en) != 2'b00;

    always @(*) begin
        reg_rdata = 32'd0;
        case (reg_addr)
        R_ID: reg_rdata = 32'h30584647;            // "GFX0"
        R_VERSION: reg_rdata = 32'd1;
        R_CTRL: reg_rdata = {31'd0, ctrl_ring};
        R_STATUS: reg_rdata = {29'd0, partial, err, busy};
        R_IRQ_STATUS: reg_rdata = {30'd0, irq_now};
        R_IRQ_ENABLE: reg_rdata = {30'd0, irq_en};
        R_FIFO_FREE: reg_rdata = {23'd0, 9'd256 - fl_now};
        R_RING_BASE: reg_rdata = rbase64[31:0];
        R_RING_BASE_HI: reg_rdata = rbase64[63:32];
        R_RING_SIZE: reg_rdata = rsize;
        R_RING_HEAD: reg_rdata = {12'd0, head};
        R_RING_TAIL: reg_rdata = {12'd0, tail};
        R_FENCE: reg_rdata = c_fence;
        R_ERROR: reg_rdata = fe_code != 3'd0 ? {29'd0, fe_code} : {28'd0, c_error};
        R_ERROR_WORD: reg_rdata = fe_code != 3'd0 ? fe_word : c_error_word;
        R_CYCLES: reg_rdata = cycles64[31:0];
        R_CYCLES_HI: reg_rdata = cycles64[63:32];
        R_PIXELS: reg_rdata = pixels64[31:0];
        R_PIXELS_HI: reg_rdata = pixels64[63:32];
        default: ;
        endcase
    end

    task fail(input [2:0] code, input [31:0] word);
        if (!err) begin
            fe_code <= code;
            fe_word <= word;
            irq_st[1] <= 1'b1;
        end
    endtask

    always @(posedge clk) begin
        if (rst) begin
            ctrl_ring <= 1'b0;
            irq_st <= 2'b00;
            irq_en <= 2'b00;
            rbase <= {AW{1'b0}};
            rsize <= 32'd0;
            head <= 20'd0;
            tail <= 20'd0;
            fe_code <= 3'd0;
            fe_word <= 32'd0;
            c_err_seen <= 1'b0;
            fl <= 9'd0;
            fcmds <= 9'd0;
            favail <= 9'd0;
            wrem <= 3'd0;
            fs_rem <= 3'd0;
            hs <= 1'b0;
            rf_active <= 1'b0;
            rf_drop <= 1'b0;
            rf_k <= 3'd0;
        end else begin
            c_err_seen <= c_error != 4'd0;
            irq_st <= irq_now & ~(reg_we && reg_addr == R_IRQ_STATUS ? reg_wdata[1:0] : 2'b00);

            // the FIFO
            fl <= fl_now + {8'd0, fw};
            fcmds <= fcmds_now + {8'd0, fw && w_ends};
            if (fw) wrem <= wrem == 3'd0 ? w_len_m1 : wrem - 3'd1;
            favail <= favail + {8'd0, f_store} - {8'd0, f_take && favail != 9'd0};
            if (go_fifo) fs_rem <= c_len_m1;
            else if (f_take) fs_rem <= fs_rem - 3'd1;
            if (go_fifo) hs_len <= c_len;
            hs <= (go_fifo || hs) && !pop;
            if (overflow) fail(ERR_OVERFLOW, reg_wdata);

            // the ring fetcher
            if (rf_req) begin
                rf_active <= 1'b1;
                if (mem_ready) begin
                    if (rf_drop || mem_err || trunc) begin
                        rf_active <= 1'b0;
                        rf_drop <= 1'b0;
                        rf_k <= 3'd0;
                    end
                    if (rf_drop)
                        ;
                    else if (mem_err)
                        fail(ERR_BUS, rf_k == 3'd0 ? 32'd0 : fe_word);
                    else if (trunc) begin
                        fail(ERR_TRUNCATED, mem_rdata);
                        head <= tail_now;
                    end else begin
                        head <= (head + 20'd4) & rmask;
                        if (rf_k == 3'd0) begin
                            rf_n_m1 <= c_len_m1;
                            if (fe_code == 3'd0) fe_word <= mem_rdata;  // the header, for a BUS error
                        end
                        if (rf_k == (rf_k == 3'd0 ? c_len_m1 : rf_n_m1)) begin
                            rf_active <= 1'b0;
                            rf_k <= 3'd0;
                        end else
                            rf_k <= rf_k + 3'd1;
                    end
                end
            end

            // register writes
            if (reg_we) case (reg_addr)
            R_CTRL: begin
                ctrl_ring <= reg_wdata[0];
                if (reg_wdata[0] && !ring_ok && (abort || !err)) begin
                    fe_code <= ERR_RING;
                    fe_word <= 32'd0;
                    irq_st[1] <= 1'b1;
                end
            end
            R_IRQ_ENABLE: irq_en <= reg_wdata[1:0];
            R_RING_BASE, R_RING_BASE_HI: begin
                if (reg_addr == R_RING_BASE) rbase <= {rbase64[63:32], reg_wdata};
                else rbase <= {reg_wdata, rbase64[31:0]};
                head <= 20'd0;
                tail <= 20'd0;
            end
            R_RING_SIZE: begin
                rsize <= reg_wdata;
                head <= 20'd0;
                tail <= 20'd0;
            end
            R_RING_TAIL:
                if (tail_bad) fail(ERR_RING, reg_wdata);
                else tail <= reg_wdata[19:0];
            default: ;
            endcase

            // CTRL.ABORT: empty the FIFO, skip the ring, clear the error.
            if (abort) begin
                fl <= 9'd0;
                fcmds <= 9'd0;
                favail <= 9'd0;
                wrem <= 3'd0;
                fs_rem <= 3'd0;
                hs <= 1'b0;
                head <= tail;
                if (!(reg_wdata[0] && !ring_ok)) begin
                    fe_code <= 3'd0;
                    fe_word <= 32'd0;
                end
                irq_st[1] <= reg_wdata[0] && !ring_ok;
                rf_k <= 3'd0;
                rf_active <= rf_req && !mem_ready;
                rf_drop <= rf_req && !mem_ready;
            end
        end
    end
endmodule
