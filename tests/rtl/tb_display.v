// The board's display subsystem (rtl/boards/icebreaker/display_sys.v, over
// sb_spram256ka.v) for the co-simulation in test_display_rtl.cc. clk runs the
// registers and the memory, clk_pix the scan-out; the test writes the frame
// buffer through the memory's accelerator port, whole words only.
module tb_display (
    input  wire        clk,
    input  wire        clk_pix,
    input  wire        rst,
    input  wire        rst_pix,
    input  wire        reg_we,
    input  wire [11:0] reg_addr,
    input  wire [31:0] reg_wdata,
    output wire [31:0] reg_rdata,
    output wire        irq,
    input  wire        mem_valid,
    input  wire [16:0] mem_addr,
    input  wire [31:0] mem_wdata,
    output wire        mem_ready,
    output wire [3:0]  r,
    output wire [3:0]  g,
    output wire [3:0]  b,
    output wire        de,
    output wire        hsync,
    output wire        vsync
);
    wire [31:0] mem_rdata;
    wire        mem_err;
    display_sys display (
        .clk(clk), .clk_pix(clk_pix), .rst(rst), .rst_pix(rst_pix),
        .reg_we(reg_we), .reg_addr(reg_addr), .reg_wdata(reg_wdata), .reg_rdata(reg_rdata),
        .irq(irq),
        .mem_valid(mem_valid), .mem_we(1'b1), .mem_addr(mem_addr),
        .mem_wdata(mem_wdata), .mem_wmask(4'hF),
        .mem_ready(mem_ready), .mem_rdata(mem_rdata), .mem_err(mem_err),
        .r(r), .g(g), .b(b), .de(de), .hsync(hsync), .vsync(vsync)
    );
endmodule
