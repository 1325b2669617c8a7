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
// the fetcher's domain, so Yosys maps it to dual-clock block RAM; so is the
// hardware cursor's image (32 rows of a mask word and a colour word,
// written by the display controller, gfx_display).
//
// The display controller's values for the frame (show, cursor position
// and colours) change only at the frame start, which this module signals
// by toggling frame_tgl at the start of the vertical sync pulse, 35 lines
// before the first visible one: they are stable whenever they are used.
// Cursor pixel (c, r) covers frame-buffer pixel (cx0 + c, cy0 + r) where
// the mask word's bit 8*(c/8) + 7 - c%8 is set, in COLOR1 if that bit of
// the colour word is set, else COLOR0 (docs/devices.md).
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
    // the display controller (gfx_display): the frame's settings, cursor
    // image writes (in the clk_wr domain), the frame start
    input  wire        show,
    input  wire        cursor,
    input  wire [16:0] cx0,          // cursor image origin in frame-buffer pixels, signed
    input  wire [16:0] cy0,
    input  wire [11:0] c0,
    input  wire [11:0] c1,
    input  wire        cimg_we,
    input  wire [5:0]  cimg_addr,    // {row, colour word}
    input  wire [31:0] cimg_data,
    output reg         frame_tgl,
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

    always @(posedge clk_pix)
        if (rst) frame_tgl <= 1'b0;
        else if (h == 10'd0 && v == V_ACTIVE + V_FP) frame_tgl <= ~frame_tgl;

    // The cursor image: mask and colour words of a row.
    reg [31:0] cmask [0:31];
    reg [31:0] ccol [0:31];
    always @(posedge clk_wr)
        if (cimg_we) begin
            if (cimg_addr[0]) ccol[cimg_addr[5:1]] <= cimg_data;
            else cmask[cimg_addr[5:1]] <= cimg_data;
        end
    // The cursor row of the next line, worked out in this line's blanking;
    // the block RAM then holds its two words all through the line.
    wire [9:0]  vn = v == V_TOTAL - 1 ? 10'd0 : v + 10'd1;
    wire [9:0]  vnq = vn - V_TOP;
    wire [16:0] cy = {8'd0, vnq[9:1]} - cy0;
    reg  [4:0]  crow;
    reg         crow_in;
    reg  [31:0] rmask, rcol;
    always @(posedge clk_pix) begin
        if (h == H_ACTIVE) begin
            crow <= cy[4:0];
            crow_in <= cursor && cy[16:5] == 12'd0;
        end
        rmask <= cmask[crow];
        rcol <= ccol[crow];
    end

    // Stage 0: position -> buffer address; the source line's bank is its
    // low bit, (v - 40) / 2 % 2, which is v[1] because 40 % 4 = 0.
    wire in_fb = v >= V_TOP && v < V_TOP + 400 && h < H_ACTIVE;
    wire [16:0] cx = {8'd0, h[9:1]} - cx0;
    reg [31:0] word;
    reg        s1_half, s1_fb, s1_de, s1_hs, s1_vs, s1_cur;
    reg [4:0]  s1_bit;
    always @(posedge clk_pix) begin
        word <= lbuf[{v[1], h[9:2]}];
        s1_half <= h[1];
        s1_fb <= in_fb && show;
        s1_cur <= crow_in && cx[16:5] == 12'd0;
        s1_bit <= {cx[4:3], ~cx[2:0]};
        s1_de <= h < H_ACTIVE && v < V_ACTIVE;
        s1_hs <= !(h >= H_ACTIVE + H_FP && h < H_ACTIVE + H_FP + H_SYNC);
        s1_vs <= !(v >= V_ACTIVE + V_FP && v < V_ACTIVE + V_FP + V_SYNC);
    end

    // Stage 1: the pixel, RGB565 cut to the PMOD's 4 bits a channel, or
    // the cursor's; black in the letterbox and the blanking, and when
    // there is nothing to show.
    wire [15:0] p = s1_half ? word[31:16] : word[15:0];
    wire [11:0] px = !s1_fb ? 12'd0 : s1_cur && rmask[s1_bit] ? (rcol[s1_bit] ? c1 : c0) :
                     {p[15:12], p[10:7], p[4:1]};
    always @(posedge clk_pix) begin
        r <= px[11:8];
        g <= px[7:4];
        b <= px[3:0];
        de <= s1_de;
        hsync <= s1_hs;
        vsync <= s1_vs;
    end
endmodule
