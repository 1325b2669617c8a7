// Display scan-out for the iCEBreaker mode of docs/devices.md: a 320x200
// RGB565 frame buffer shown pixel-doubled and letterboxed in 640x480@60
// (25.175 MHz nominal; the board's PLL gives 25.125 MHz, which monitors take).
//
// The frame buffer lives in the drawing clock domain (SPRAM shared with the
// accelerator), so scan-out works from a two-line buffer: at the start of
// the first of the two display lines that show source line L it asks for
// line L+1 (req_line, and a toggle of req_tgl, for a synchronizer in the
// other domain); the fetcher writes the line's 160 words into bank
// (L+1) % 2 of the buffer, and has two display lines (about 760 cycles at
// 12 MHz) to do it. Words hold two pixels, the left one in bits 15:0.
//
// The line buffer's read port is here (pixel clock); its write port is in
// the fetcher's domain, so Yosys maps it to dual-clock block RAM.
module gfx_scanout (
    input  wire        clk_pix,
    input  wire        rst,          // synchronous to clk_pix
    // line requests to the fetcher's clock domain
    output reg  [7:0]  req_line,
    output reg         req_tgl,
    // the line buffer's write port (fetcher domain)
    input  wire        clk_wr,
    input  wire        lb_we,
    input  wire [8:0]  lb_waddr,     // {bank, word 0..159}
    input  wire [31:0] lb_wdata,
    // video out, registered
    output reg  [3:0]  r,
    output reg  [3:0]  g,
    output reg  [3:0]  b,
    output reg         de,
    output reg         hsync,        // active low, as 640x480@60 wants
    output reg         vsync
);
    // 640x480@60: 800 x 525 clocks, syncs negative.
    localparam H_ACTIVE = 640, H_FP = 16, H_SYNC = 96, H_TOTAL = 800;
    localparam V_ACTIVE = 480, V_FP = 10, V_SYNC = 2, V_TOTAL = 525;
    localparam V_TOP = 40;           // (480 - 2 * 200) / 2: the letterbox

    reg [9:0] h, v;
    always @(posedge clk_pix) begin
        if (rst) begin
            h <= 10'd0;
            v <= 10'd0;
        end else if (h == H_TOTAL - 1) begin
            h <= 10'd0;
            v <= v == V_TOTAL - 1 ? 10'd0 : v + 10'd1;
        end else
            h <= h + 10'd1;
    end

    // Ask for source line (v - 38) / 2 at the start of every even line from
    // 38 to 436: it is shown from line v + 2 on.
    wire [9:0] vq = v - 10'd38;
    always @(posedge clk_pix) begin
        if (rst) begin
            req_tgl <= 1'b0;
            req_line <= 8'd0;
        end else if (h == 10'd0 && v >= 10'd38 && v <= 10'd436 && !v[0]) begin
            req_line <= vq[8:1];
            req_tgl <= ~req_tgl;
        end
    end

    // The line buffer: 2 banks of 256 words.
    reg [31:0] lbuf [0:511];
    always @(posedge clk_wr)
        if (lb_we) lbuf[lb_waddr] <= lb_wdata;

    // Stage 0: position -> buffer address; the source line's bank is its
    // low bit, (v - 40) / 2 % 2, which is v[1] because 40 % 4 = 0.
    wire in_fb = v >= V_TOP && v < V_TOP + 400 && h < H_ACTIVE;
    reg [31:0] word;
    reg        s1_half, s1_fb, s1_de, s1_hs, s1_vs;
    always @(posedge clk_pix) begin
        word <= lbuf[{v[1], h[9:2]}];
        s1_half <= h[1];
        s1_fb <= in_fb;
        s1_de <= h < H_ACTIVE && v < V_ACTIVE;
        s1_hs <= !(h >= H_ACTIVE + H_FP && h < H_ACTIVE + H_FP + H_SYNC);
        s1_vs <= !(v >= V_ACTIVE + V_FP && v < V_ACTIVE + V_FP + V_SYNC);
    end

    // Stage 1: the pixel, RGB565 cut to the PMOD's 4 bits a channel;
    // black in the letterbox and the blanking.
    wire [15:0] p = s1_half ? word[31:16] : word[15:0];
    always @(posedge clk_pix) begin
        r <= s1_fb ? p[15:12] : 4'd0;
        g <= s1_fb ? p[10:7] : 4'd0;
        b <= s1_fb ? p[4:1] : 4'd0;
        de <= s1_de;
        hsync <= s1_hs;
        vsync <= s1_vs;
    end
endmodule
