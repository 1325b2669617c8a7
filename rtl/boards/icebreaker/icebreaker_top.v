// iCEBreaker (iCE40 UP5K) top level: the graphics accelerator drawing a
// self-test scene into a 320x200 RGB565 frame buffer in SPRAM, shown by the
// display controller (registers, vsync, hardware cursor) on the 12-bit DVI
// PMOD (PMOD 1A/1B) at 640x480@60, pixel-doubled and letterboxed (the board
// mode of docs/devices.md). TRI is left out (HAS_TRI = 0): with the display
// controller the design would not fit the UP5K with it (docs/hardware.md).
//
// Clocks: the accelerator and SPRAM run on the 12 MHz board clock (the
// PLL's reference output), scan-out on the PLL's 25.125 MHz pixel clock;
// they meet only in the line buffer and the line-request synchronizer.
//
// LEDs: green when the scene's final FENCE has been reached, red on an
// accelerator error (the sequencer reads FENCE and ERROR). The button (BTN_N) resets and redraws.
module icebreaker_top #(
    parameter HAS_TRI = 0          // 1 puts TRI back (it does not fit with the display controller)
) (
    input  wire       CLK,        // 12 MHz
    input  wire       BTN_N,
    output wire       LEDR_N,
    output wire       LEDG_N,
    output wire       dvi_clk,
    output wire       dvi_hsync,
    output wire       dvi_vsync,
    output wire       dvi_de,
    output wire [3:0] dvi_r,
    output wire [3:0] dvi_g,
    output wire [3:0] dvi_b
);
    // ---- clocks: 12 MHz in, 25.125 MHz out (icepll -i 12 -o 25.175) ----
    wire clk, clk_pix, locked;
    SB_PLL40_2_PAD #(
        .FEEDBACK_PATH("SIMPLE"),
        .DIVR(4'd0), .DIVF(7'd66), .DIVQ(3'd5), .FILTER_RANGE(3'd1),
        .PLLOUT_SELECT_PORTB("GENCLK")
    ) pll (
        .PACKAGEPIN(CLK),
        .PLLOUTGLOBALA(clk),       // the reference clock itself
        .PLLOUTGLOBALB(clk_pix),
        .RESETB(1'b1),
        .BYPASS(1'b0),
        .LOCK(locked)
    );

    // ---- resets: held after configuration and while the button is down ----
    reg [3:0] btn_sync = 4'd0;
    reg [7:0] por = 8'd0;
    reg       rst = 1'b1;
    always @(posedge clk) begin
        btn_sync <= {btn_sync[2:0], BTN_N};
        if (!btn_sync[3] || !locked) por <= 8'd0;
        else if (por != 8'hFF) por <= por + 8'd1;
        rst <= por != 8'hFF;
    end
    reg [2:0] rst_pix_sync = 3'b111;
    always @(posedge clk_pix) rst_pix_sync <= {rst_pix_sync[1:0], rst};
    wire rst_pix = rst_pix_sync[2];

    // ---- the self-test sequencer: display set-up, then the command stream ----
    wire        acc_we, disp_we, done, failed;
    wire [11:0] acc_addr, disp_addr;
    wire [31:0] acc_wdata, acc_rdata, disp_wdata;
    gfx_selftest #(.HAS_TRI(HAS_TRI)) seq (
        .clk(clk), .rst(rst),
        .acc_we(acc_we), .acc_addr(acc_addr), .acc_wdata(acc_wdata), .acc_rdata(acc_rdata),
        .done(done), .failed(failed),
        .disp_we(disp_we), .disp_addr(disp_addr), .disp_wdata(disp_wdata)
    );

    // ---- the accelerator with its registers: RGB565 only, 17-bit addresses (128 KiB) ----
    wire        mem_valid, mem_we, mem_ready, mem_err;
    wire [16:0] mem_addr;
    wire [31:0] mem_wdata, mem_rdata;
    wire [3:0]  mem_wmask;
    gfx_accel #(.AW(17), .FORMATS(2'b10), .HAS_TRI(HAS_TRI), .CNT_W(32)) gfx (
        .clk(clk), .rst(rst),
        .reg_we(acc_we), .reg_addr(acc_addr), .reg_wdata(acc_wdata), .reg_rdata(acc_rdata),
        .irq(),
        .mem_valid(mem_valid), .mem_we(mem_we), .mem_addr(mem_addr),
        .mem_wdata(mem_wdata), .mem_wmask(mem_wmask),
        .mem_ready(mem_ready), .mem_rdata(mem_rdata), .mem_err(mem_err)
    );

    // ---- display controller, frame buffer and scan-out ----
    display_sys display (
        .clk(clk), .clk_pix(clk_pix), .rst(rst), .rst_pix(rst_pix),
        .reg_we(disp_we), .reg_addr(disp_addr), .reg_wdata(disp_wdata), .reg_rdata(),
        .irq(),
        .mem_valid(mem_valid), .mem_we(mem_we), .mem_addr(mem_addr),
        .mem_wdata(mem_wdata), .mem_wmask(mem_wmask),
        .mem_ready(mem_ready), .mem_rdata(mem_rdata), .mem_err(mem_err),
        .r(dvi_r), .g(dvi_g), .b(dvi_b), .de(dvi_de), .hsync(dvi_hsync), .vsync(dvi_vsync)
    );

    // The PMOD's transmitter latches on the rising clock edge: send the
    // pixel clock inverted through a DDR output, so the edge falls in the
    // middle of each (registered, rising-edge) data word.
    SB_IO #(.PIN_TYPE(6'b010000)) dvi_clk_io (
        .PACKAGE_PIN(dvi_clk),
        .OUTPUT_CLK(clk_pix),
        .D_OUT_0(1'b0),
        .D_OUT_1(1'b1)
    );

    // ---- LEDs (active low) ----
    assign LEDG_N = !done;
    assign LEDR_N = !failed;
endmodule
