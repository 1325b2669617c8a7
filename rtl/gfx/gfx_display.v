// Amber-1 display controller registers (docs/devices.md, "Display
// controller") for a board whose scan-out shows one mode: 320x200 RGB565,
// pixel-doubled in 640x480 (gfx_scanout). Any other MODE or FORMAT, or a
// STRIDE or frame buffer base that is not a multiple of 4 (the line fetcher
// reads words), is BAD_MODE here and shows black.
//
// Register port as gfx_accel's: one 32-bit access a cycle at byte offset
// reg_addr; reg_rdata is combinational. FB_BASE and FB_CUR keep AW bits;
// the bits above read as 0, and a base with any of them set lies outside
// memory (FB_FAULT). CURSOR_IMAGE is write-only (it lives in the scan-out's
// block RAM, whose one read port the scan-out uses).
//
// Vsync: the scan-out toggles vsync_tgl at the start of every vertical sync
// pulse (the frame start). Then FB_CUR takes FB_BASE, FRAME counts and
// IRQ_STATUS.VSYNC is set; one cycle later the values scan-out needs for
// the coming frame (the stride, whether it shows anything, the cursor) are
// copied to stride_word and the scan_* outputs, which change only then, in
// the vertical blanking: the scan-out's clock domain may use them as they
// are, and a change shows from the next frame on, never half-way down one.
module gfx_display #(
    parameter AW = 17,                 // memory address bits
    parameter [31:0] RAM_BYTES = 131072
) (
    input  wire          clk,
    input  wire          rst,
    input  wire          reg_we,
    input  wire [11:0]   reg_addr,
    input  wire [31:0]   reg_wdata,
    output reg  [31:0]   reg_rdata,
    output wire          irq,
    input  wire          vsync_tgl,        // from the scan-out's clock domain
    // the line fetcher (this clock domain)
    output wire [AW-3:0] fb_word,          // FB_CUR / 4
    output reg  [AW-3:0] stride_word,      // STRIDE / 4, for the frame being shown
    // the scan-out, for the frame being shown
    output reg           scan_show,
    output reg           scan_cursor,
    output reg  [16:0]   scan_cx0,         // cursor image origin, signed
    output reg  [16:0]   scan_cy0,
    output reg  [11:0]   scan_c0,          // cursor colours, 4 bits a channel
    output reg  [11:0]   scan_c1,
    // cursor image writes, to the scan-out's block RAM: word 0..63
    output wire          cimg_we,
    output wire [5:0]    cimg_addr,
    output wire [31:0]   cimg_data
);
    localparam R_ID = 12'h000, R_VERSION = 12'h004, R_CTRL = 12'h008, R_MODE = 12'h00C,
               R_FORMAT = 12'h010, R_STRIDE = 12'h014, R_FB_BASE = 12'h018,
               R_FB_BASE_HI = 12'h01C, R_FB_CUR = 12'h020, R_FB_CUR_HI = 12'h024,
               R_FRAME = 12'h028, R_STATUS = 12'h02C, R_IRQ_STATUS = 12'h030,
               R_IRQ_ENABLE = 12'h034, R_CURSOR_POS = 12'h040, R_CURSOR_HOT = 12'h044,
               R_COLOR0 = 12'h048, R_COLOR1 = 12'h04C;
    localparam [31:0] BOARD_MODE = {16'd200, 16'd320};

    reg  [1:0]    ctrl;                    // ENABLE, CURSOR
    reg  [31:0]   mode, format, stride;
    reg  [AW-1:0] fb_next, fb_cur;
    reg           nlo, nhi, cur_hi;        // a base bit above AW is set: low, high word
    reg  [31:0]   frame;
    reg           irq_st, irq_en;
    reg  [31:0]   cpos;
    reg  [4:0]    hot_x, hot_y;
    reg  [23:0]   col0, col1;

    // ---- the frame start, from the other clock domain ----
    reg  [2:0] vs_sync;                    // two flops against metastability, one to see the edge
    reg        vs_late;
    wire vs_ev = vs_sync[2] != vs_sync[1];
    always @(posedge clk) vs_sync <= {vs_sync[1:0], vsync_tgl};

    // ---- mode and frame buffer checks ----
    wire mode_ok = mode == BOARD_MODE && format == 32'd1 && stride >= 32'd640 &&
                   stride[1:0] == 2'b00 && fb_cur[1:0] == 2'b00;
    // The last byte scan-out reads: FB_CUR + STRIDE * 199 + 640.
    wire [47:0] fb_end = {{(48-AW){1'b0}}, fb_cur} + stride * 48'd199 + 48'd640;
    wire fault = cur_hi || fb_end > {16'd0, RAM_BYTES};

    assign fb_word = fb_cur[AW-1:2];
    assign irq = irq_st && irq_en;

    wire next_hi = nlo || nhi;
    wire [63:0] next64 = {{(64-AW){1'b0}}, fb_next};
    wire [63:0] cur64 = {{(64-AW){1'b0}}, fb_cur};

    always @(*) begin
        reg_rdata = 32'd0;
        case (reg_addr)
        R_ID: reg_rdata = 32'h50534944;        // "DISP"
        R_VERSION: reg_rdata = 32'd1;
        R_CTRL: reg_rdata = {30'd0, ctrl};
        R_MODE: reg_rdata = mode;
        R_FORMAT: reg_rdata = format;
        R_STRIDE: reg_rdata = stride;
        R_FB_BASE: reg_rdata = next64[31:0];
        R_FB_BASE_HI: reg_rdata = next64[63:32];
        R_FB_CUR: reg_rdata = cur64[31:0];
        R_FB_CUR_HI: reg_rdata = cur64[63:32];
        R_FRAME: reg_rdata = frame;
        R_STATUS: reg_rdata = {30'd0, mode_ok && fault, !mode_ok};
        R_IRQ_STATUS: reg_rdata = {31'd0, irq_st};
        R_IRQ_ENABLE: reg_rdata = {31'd0, irq_en};
        R_CURSOR_POS: reg_rdata = cpos;
        R_CURSOR_HOT: reg_rdata = {11'd0, hot_y, 11'd0, hot_x};
        R_COLOR0: reg_rdata = {8'd0, col0};
        R_COLOR1: reg_rdata = {8'd0, col1};
        default: ;
        endcase
    end

    assign cimg_we = reg_we && reg_addr[11:8] == 4'h1;
    assign cimg_addr = reg_addr[7:2];
    assign cimg_data = reg_wdata;

    function [11:0] rgb444(input [23:0] c);
        rgb444 = {c[23:20], c[15:12], c[7:4]};
    endfunction

    always @(posedge clk) begin
        if (rst) begin
            ctrl <= 2'b00;
            mode <= {16'd768, 16'd1024};
            format <= 32'd0;
            stride <= 32'd4096;
            fb_next <= {AW{1'b0}};
            fb_cur <= {AW{1'b0}};
            nlo <= 1'b0;
            nhi <= 1'b0;
            cur_hi <= 1'b0;
            frame <= 32'd0;
            irq_st <= 1'b0;
            irq_en <= 1'b0;
            cpos <= 32'd0;
            hot_x <= 5'd0;
            hot_y <= 5'd0;
            col0 <= 24'd0;
            col1 <= 24'd0;
            vs_late <= 1'b0;
            scan_show <= 1'b0;
            scan_cursor <= 1'b0;
        end else begin
            vs_late <= vs_ev;
            if (vs_ev) begin
                fb_cur <= fb_next;
                cur_hi <= next_hi;
                frame <= frame + 32'd1;
                irq_st <= 1'b1;
            end
            if (vs_late) begin
                stride_word <= stride[AW-1:2];
                scan_show <= ctrl[0] && mode_ok && !fault;
                scan_cursor <= ctrl[1];
                scan_cx0 <= {{1{cpos[15]}}, cpos[15:0]} - {12'd0, hot_x};
                scan_cy0 <= {{1{cpos[31]}}, cpos[31:16]} - {12'd0, hot_y};
                scan_c0 <= rgb444(col0);
                scan_c1 <= rgb444(col1);
            end
            if (reg_we) case (reg_addr)
            R_CTRL: begin
                // Enabling scan-out takes the base at once: there is no old frame.
                if (reg_wdata[0] && !ctrl[0]) begin
                    fb_cur <= fb_next;
                    cur_hi <= next_hi;
                end
                ctrl <= reg_wdata[1:0];
            end
            R_MODE: mode <= reg_wdata;
            R_FORMAT: format <= reg_wdata;
            R_STRIDE: stride <= reg_wdata;
            R_FB_BASE: begin
                fb_next <= reg_wdata[AW-1:0];
                nlo <= reg_wdata[31:AW] != {(32-AW){1'b0}};
            end
            R_FB_BASE_HI: nhi <= reg_wdata != 32'd0;
            R_IRQ_STATUS: if (reg_wdata[0]) irq_st <= 1'b0;
            R_IRQ_ENABLE: irq_en <= reg_wdata[0];
            R_CURSOR_POS: cpos <= reg_wdata;
            R_CURSOR_HOT: begin hot_x <= reg_wdata[4:0]; hot_y <= reg_wdata[20:16]; end
            R_COLOR0: col0 <= reg_wdata[23:0];
            R_COLOR1: col1 <= reg_wdata[23:0];
            default: ;
            endcase
        end
    end
endmodule
