// 128 KiB of SPRAM (the UP5K's four 16Kx16 blocks, as 32K x 32) behind the
// accelerator's memory port, shared with the scan-out's line fetcher.
//
// Accelerator port: a write completes in the cycle it is requested
// (mem_ready at once); a read costs one wait state, because SPRAM's output
// is registered: the read is issued, and the next cycle answers it. The
// fetcher has priority (it needs 160 of every ~760 cycles); while it reads,
// the accelerator waits. All of memory is RAM: mem_err is never raised.
// The wait states appear in the accelerator's CYCLES exactly as the C
// model's memory port would report them.
module spram_fb (
    input  wire        clk,
    input  wire        rst,
    // accelerator port (byte addresses, 17 bits)
    input  wire        mem_valid,
    input  wire        mem_we,
    input  wire [16:0] mem_addr,
    input  wire [31:0] mem_wdata,
    input  wire [3:0]  mem_wmask,
    output wire        mem_ready,
    output wire [31:0] mem_rdata,
    output wire        mem_err,
    // the frame buffer (display controller): FB_CUR and STRIDE in words
    input  wire [14:0] fb_word,
    input  wire [14:0] stride_word,
    // line requests from the scan-out (another clock domain)
    input  wire [7:0]  req_line,
    input  wire        req_tgl,
    // line buffer writes
    output reg         lb_we,
    output reg  [8:0]  lb_waddr,
    output wire [31:0] lb_wdata
);
    // ---- the line fetcher ----
    reg [2:0]  tgl_sync;             // two flops against metastability, one to see the edge
    reg        f_start, f_active;
    reg [7:0]  f_line;
    reg [7:0]  f_k;                  // word of the line, 0..159
    reg [14:0] f_base;               // FB_CUR + line * STRIDE (words): lines come in order
    always @(posedge clk) begin
        tgl_sync <= {tgl_sync[1:0], req_tgl};
        f_start <= 1'b0;
        if (rst) begin
            f_active <= 1'b0;
        end else if (tgl_sync[2] != tgl_sync[1]) begin
            // req_line has been stable since the toggle: safe to take.
            f_line <= req_line;
            f_start <= 1'b1;
        end else if (f_start) begin
            f_base <= f_line == 8'd0 ? fb_word : f_base + stride_word;
            f_k <= 8'd0;
            f_active <= 1'b1;
        end else if (f_active) begin
            f_k <= f_k + 8'd1;
            if (f_k == 8'd159) f_active <= 1'b0;
        end
    end

    // ---- arbitration ----
    reg        rd_pend;              // the accelerator's read answers this cycle
    reg        rd_bank, f_bank;
    wire       core_go = mem_valid && !f_active && !rd_pend;
    wire [14:0] addr = f_active ? f_base + {7'd0, f_k} : mem_addr[16:2];
    wire       we = core_go && mem_we;
    always @(posedge clk) begin
        rd_pend <= !rst && core_go && !mem_we;
        if (core_go) rd_bank <= addr[14];
        if (f_active) f_bank <= addr[14];
        lb_we <= f_active;
        lb_waddr <= {f_line[0], f_k};
    end
    assign mem_ready = (core_go && mem_we) || rd_pend;
    assign mem_err = 1'b0;

    // ---- the four SPRAM blocks: bank (address bit 14) x half word ----
    wire [15:0] q [0:3];
    genvar bk, hf;
    generate
        for (bk = 0; bk < 2; bk = bk + 1) begin : g_bank
            for (hf = 0; hf < 2; hf = hf + 1) begin : g_half
                SB_SPRAM256KA ram (
                    .ADDRESS(addr[13:0]),
                    .DATAIN(hf ? mem_wdata[31:16] : mem_wdata[15:0]),
                    // MASKWREN enables nibbles; a byte is two of them.
                    .MASKWREN(hf ? {mem_wmask[3], mem_wmask[3], mem_wmask[2], mem_wmask[2]}
                                 : {mem_wmask[1], mem_wmask[1], mem_wmask[0], mem_wmask[0]}),
                    .WREN(we),
                    .CHIPSELECT(addr[14] == bk && (f_active || core_go)),
                    .CLOCK(clk),
                    .STANDBY(1'b0),
                    .SLEEP(1'b0),
                    .POWEROFF(1'b1),
                    .DATAOUT(q[2 * bk + hf])
                );
            end
        end
    endgenerate
    assign mem_rdata = rd_bank ? {q[3], q[2]} : {q[1], q[0]};
    assign lb_wdata = f_bank ? {q[3], q[2]} : {q[1], q[0]};
endmodule
