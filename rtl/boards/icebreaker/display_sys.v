// The board's display subsystem: the display controller's registers
// (gfx_display), the SPRAM frame buffer with its line fetcher (spram_fb),
// whose memory port the accelerator writes through, and scan-out with the
// cursor (gfx_scanout). clk runs the registers and the memory, clk_pix the
// scan-out. The board top (icebreaker_top.v) and the display co-simulation
// (tests/rtl/tb_display.v) both use it, so the test checks the board's wiring.
module display_sys (
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
    input  wire        mem_we,
    input  wire [16:0] mem_addr,
    input  wire [31:0] mem_wdata,
    input  wire [3:0]  mem_wmask,
    output wire        mem_ready,
    output wire [31:0] mem_rdata,
    output wire        mem_err,
    output wire [3:0]  r,
    output wire [3:0]  g,
    output wire [3:0]  b,
    output wire        de,
    output wire        hsync,
    output wire        vsync
);
    wire [14:0] fb_word, stride_word;
    wire        show, cursor, cimg_we, frame_tgl;
    wire [16:0] cx0, cy0;
    wire [11:0] c0, c1;
    wire [5:0]  cimg_addr;
    wire [31:0] cimg_data;
    gfx_display #(.AW(17)) disp (
        .clk(clk), .rst(rst),
        .reg_we(reg_we), .reg_addr(reg_addr), .reg_wdata(reg_wdata), .reg_rdata(reg_rdata),
        .irq(irq), .vsync_tgl(frame_tgl),
        .fb_word(fb_word), .stride_word(stride_word),
        .scan_show(show), .scan_cursor(cursor), .scan_cx0(cx0), .scan_cy0(cy0),
        .scan_c0(c0), .scan_c1(c1),
        .cimg_we(cimg_we), .cimg_addr(cimg_addr), .cimg_data(cimg_data)
    );

    wire [7:0]  req_line;
    wire        req_tgl, lb_we;
    wire [8:0]  lb_waddr;
    wire [31:0] lb_wdata;
    spram_fb fb (
        .clk(clk), .rst(rst),
        .mem_valid(mem_valid), .mem_we(mem_we), .mem_addr(mem_addr),
        .mem_wdata(mem_wdata), .mem_wmask(mem_wmask),
        .mem_ready(mem_ready), .mem_rdata(mem_rdata), .mem_err(mem_err),
        .fb_word(fb_word), .stride_word(stride_word),
        .req_line(req_line), .req_tgl(req_tgl),
        .lb_we(lb_we), .lb_waddr(lb_waddr), .lb_wdata(lb_wdata)
    );

    gfx_scanout scan (
        .clk_pix(clk_pix), .rst(rst_pix),
        .req_line(req_line), .req_tgl(req_tgl),
        .clk_wr(clk), .lb_we(lb_we), .lb_waddr(lb_waddr), .lb_wdata(lb_wdata),
        .show(show), .cursor(cursor), .cx0(cx0), .cy0(cy0), .c0(c0), .c1(c1),
        .cimg_we(cimg_we), .cimg_addr(cimg_addr), .cimg_data(cimg_data), .frame_tgl(frame_tgl),
        .r(r), .g(g), .b(b), .de(de), .hsync(hsync), .vsync(vsync)
    );
endmodule
