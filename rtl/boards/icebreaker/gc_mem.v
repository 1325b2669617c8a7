// The GC board's memory: 8K tagged 64-bit words (64 KiB) behind the GC
// core's port: data in the UP5K's SPRAM (four SB_SPRAM256KA blocks side by
// side, 16 bits each, half their depth used), tags in block RAM. Reads are
// registered: a read answers in the cycle after its request (one wait
// state), a write at once. Everything is RAM, so mem_err is never raised.
module gc_mem (
    input  wire        clk,
    input  wire        rst,
    input  wire        mem_valid,
    input  wire        mem_we,
    input  wire [15:0] mem_addr,
    input  wire [63:0] mem_wdata,
    input  wire [7:0]  mem_wtag,
    output wire        mem_ready,
    output wire [63:0] mem_rdata,
    output reg  [7:0]  mem_rtag,
    output wire        mem_err
);
    reg [7:0]   tag [0:8191];
    reg         rd_pend;         // the read requested last cycle answers now
    wire [12:0] a = mem_addr[15:3];
    wire        wr = mem_valid && mem_we && !rst;

    genvar h;
    generate
        for (h = 0; h < 4; h = h + 1) begin : g_spram
            SB_SPRAM256KA ram (
                .ADDRESS({1'b0, a}),
                .DATAIN(mem_wdata[16 * h +: 16]),
                .MASKWREN(4'b1111),
                .WREN(wr),
                .CHIPSELECT(1'b1),
                .CLOCK(clk),
                .STANDBY(1'b0),
                .SLEEP(1'b0),
                .POWEROFF(1'b1),
                .DATAOUT(mem_rdata[16 * h +: 16])
            );
        end
    endgenerate

    always @(posedge clk) begin
        if (wr)
            tag[a] <= mem_wtag;
        mem_rtag <= tag[a];
        rd_pend <= mem_valid && !mem_we && !rd_pend && !rst;
    end
    assign mem_ready = mem_valid && (mem_we || rd_pend);
    assign mem_err = 1'b0;
endmodule
