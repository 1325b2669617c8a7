// The iCEBreaker self-test: a fixed command stream that draws a test scene
// through the accelerator's register block (gfx_accel) with every kind of command (SURFACE, CLIP, FILL
// with two ROPs, LINE, TRI, GLYPH as a tiled pattern and transparent, an
// overlapping COPY), then a FENCE with value 0x600D that lights the green
// LED. The stream goes in through the FIFO register: the sequencer reads
// FIFO_FREE, writes that many words in consecutive cycles, and reads it
// again; at the end it polls FENCE (done) and ERROR (failed). The glyph source is an 8x8 smiley the stream itself draws, with FILLs
// through a tiny second surface, into the 3 KiB after the frame buffer. With HAS_TRI = 0 the triangle's words become NOPs.
//
// Before the first command it sets up the display controller through its
// register port: the board mode, the frame buffer at 0, an arrow cursor
// (white, outlined in black) at (200, 60), the vsync interrupt, scan-out
// and cursor on.
module gfx_selftest #(
    parameter HAS_TRI = 1
) (
    input  wire        clk,
    input  wire        rst,
    // the accelerator's register port
    output wire        acc_we,
    output reg  [11:0] acc_addr,
    output wire [31:0] acc_wdata,
    input  wire [31:0] acc_rdata,
    output reg         done,         // FENCE 0x600D reached
    output reg         failed,       // the accelerator reports an error
    // the display controller's register port
    output wire        disp_we,
    output reg  [11:0] disp_addr,
    output reg  [31:0] disp_wdata
);
    localparam N = 124;
    localparam TRI_LO = 91, TRI_HI = 95;

    function [31:0] rom(input [7:0] i);
        case (i)
        // SURFACE: the frame buffer, RGB565 320x200 at 0, stride 640
        0: rom = 32'h00000101;
        1: rom = 32'h00000000;
        2: rom = 32'h00000000;
        3: rom = 32'h00000280;
        4: rom = 32'h00C80140;
        // FILL the background navy
        5: rom = 32'h00000303;
        6: rom = 32'h00000010;
        7: rom = 32'h00000000;
        8: rom = 32'h00C80140;
        // SURFACE: 8 words after the frame buffer, for the glyph source
        9: rom = 32'h00000101;
        10: rom = 32'h0001F400;
        11: rom = 32'h00000000;
        12: rom = 32'h00000004;
        13: rom = 32'h00080002;
        // FILL: smiley row 0 (the low byte of each word is the row's bits)
        14: rom = 32'h00000303;
        15: rom = 32'h00003C3C;
        16: rom = 32'h00000000;
        17: rom = 32'h00010002;
        // FILL: smiley row 1 (the low byte of each word is the row's bits)
        18: rom = 32'h00000303;
        19: rom = 32'h00004242;
        20: rom = 32'h00010000;
        21: rom = 32'h00010002;
        // FILL: smiley row 2 (the low byte of each word is the row's bits)
        22: rom = 32'h00000303;
        23: rom = 32'h0000A5A5;
        24: rom = 32'h00020000;
        25: rom = 32'h00010002;
        // FILL: smiley row 3 (the low byte of each word is the row's bits)
        26: rom = 32'h00000303;
        27: rom = 32'h00008181;
        28: rom = 32'h00030000;
        29: rom = 32'h00010002;
        // FILL: smiley row 4 (the low byte of each word is the row's bits)
        30: rom = 32'h00000303;
        31: rom = 32'h0000A5A5;
        32: rom = 32'h00040000;
        33: rom = 32'h00010002;
        // FILL: smiley row 5 (the low byte of each word is the row's bits)
        34: rom = 32'h00000303;
        35: rom = 32'h00009999;
        36: rom = 32'h00050000;
        37: rom = 32'h00010002;
        // FILL: smiley row 6 (the low byte of each word is the row's bits)
        38: rom = 32'h00000303;
        39: rom = 32'h00004242;
        40: rom = 32'h00060000;
        41: rom = 32'h00010002;
        // FILL: smiley row 7 (the low byte of each word is the row's bits)
        42: rom = 32'h00000303;
        43: rom = 32'h00003C3C;
        44: rom = 32'h00070000;
        45: rom = 32'h00010002;
        // SURFACE: the frame buffer again
        46: rom = 32'h00000101;
        47: rom = 32'h00000000;
        48: rom = 32'h00000000;
        49: rom = 32'h00000280;
        50: rom = 32'h00C80140;
        // FILL red
        51: rom = 32'h00000303;
        52: rom = 32'h0000F800;
        53: rom = 32'h000A000A;
        54: rom = 32'h003C0064;
        // FILL green, XOR over it
        55: rom = 32'h00000603;
        56: rom = 32'h000007E0;
        57: rom = 32'h0028003C;
        58: rom = 32'h003C0064;
        // FILL blue
        59: rom = 32'h00000303;
        60: rom = 32'h0000001F;
        61: rom = 32'h001400C8;
        62: rom = 32'h00500064;
        // LINE white, diagonal
        63: rom = 32'h00000305;
        64: rom = 32'h0000FFFF;
        65: rom = 32'h00000000;
        66: rom = 32'h00C7013F;
        // LINE white, other diagonal
        67: rom = 32'h00000305;
        68: rom = 32'h0000FFFF;
        69: rom = 32'h0000013F;
        70: rom = 32'h00C70000;
        // LINE yellow, star
        71: rom = 32'h00000305;
        72: rom = 32'h0000FFE0;
        73: rom = 32'h006400A0;
        74: rom = 32'h000500A0;
        // LINE yellow, star
        75: rom = 32'h00000305;
        76: rom = 32'h0000FFE0;
        77: rom = 32'h006400A0;
        78: rom = 32'h0064012C;
        // LINE yellow, star
        79: rom = 32'h00000305;
        80: rom = 32'h0000FFE0;
        81: rom = 32'h006400A0;
        82: rom = 32'h00C300A0;
        // LINE yellow, star
        83: rom = 32'h00000305;
        84: rom = 32'h0000FFE0;
        85: rom = 32'h006400A0;
        86: rom = 32'h00640014;
        // LINE yellow, star
        87: rom = 32'h00000305;
        88: rom = 32'h0000FFE0;
        89: rom = 32'h006400A0;
        90: rom = 32'h001E00FA;
        // TRI orange (NOPs without TRI)
        91: rom = 32'h00000306;
        92: rom = 32'h0000FD20;
        93: rom = 32'h00BE0028;
        94: rom = 32'h006E0078;
        95: rom = 32'h00C30096;
        // CLIP to a window
        96: rom = 32'h00000002;
        97: rom = 32'h006E00AA;
        98: rom = 32'h00BE0136;
        // GLYPH: smiley pattern, tiled
        99: rom = 32'h00002307;
        100: rom = 32'h0000FFE0;
        101: rom = 32'h00000010;
        102: rom = 32'h006400A0;
        103: rom = 32'h006400A0;
        104: rom = 32'h0001F400;
        105: rom = 32'h00000000;
        106: rom = 32'h00000004;
        // CLIP: the whole surface
        107: rom = 32'h00000002;
        108: rom = 32'h00000000;
        109: rom = 32'h00C80140;
        // GLYPH: one transparent smiley
        110: rom = 32'h00001307;
        111: rom = 32'h0000F81F;
        112: rom = 32'h00000000;
        113: rom = 32'h000A0122;
        114: rom = 32'h00080008;
        115: rom = 32'h0001F400;
        116: rom = 32'h00000000;
        117: rom = 32'h00000004;
        // COPY the blue block down-right, overlapping (memmove order)
        118: rom = 32'h00000304;
        119: rom = 32'h001400C8;
        120: rom = 32'h001E00D2;
        121: rom = 32'h00500064;
        // FENCE 0x600D: the scene is done
        122: rom = 32'h00000008;
        123: rom = 32'h0000600D;
        default: rom = 32'h00000000;
        endcase
    endfunction

    // The display set-up: ten registers and the 64 cursor image words.
    localparam ND = 74;
    // The arrow: row r < 16 covers columns 0..r; its edges are black
    // (colour bit 0), its inside white.
    function [31:0] arrow(input [4:0] r, input colour);
        integer c;
        begin
            arrow = 32'd0;
            for (c = 0; c < 32; c = c + 1)
                if (r < 16 && c <= r)
                    arrow[8 * (c / 8) + 7 - c % 8] = !colour || !(c == 0 || c == r || r == 15);
        end
    endfunction
    reg [6:0] didx;
    wire [5:0] iw = didx[5:0] - 6'd8;
    always @(*) begin
        disp_addr = 12'h100 + {4'd0, iw, 2'b00};
        disp_wdata = arrow(iw[5:1], iw[0]);
        case (didx)
        7'd0: begin disp_addr = 12'h00C; disp_wdata = 32'h00C80140; end  // MODE 320x200
        7'd1: begin disp_addr = 12'h010; disp_wdata = 32'd1; end         // FORMAT RGB565
        7'd2: begin disp_addr = 12'h014; disp_wdata = 32'd640; end       // STRIDE
        7'd3: begin disp_addr = 12'h018; disp_wdata = 32'd0; end         // FB_BASE
        7'd4: begin disp_addr = 12'h040; disp_wdata = 32'h003C00C8; end  // CURSOR_POS
        7'd5: begin disp_addr = 12'h044; disp_wdata = 32'd0; end         // CURSOR_HOT
        7'd6: begin disp_addr = 12'h048; disp_wdata = 32'h00000000; end  // COLOR0
        7'd7: begin disp_addr = 12'h04C; disp_wdata = 32'h00FFFFFF; end  // COLOR1
        7'd72: begin disp_addr = 12'h034; disp_wdata = 32'd1; end        // IRQ_ENABLE VSYNC
        7'd73: begin disp_addr = 12'h008; disp_wdata = 32'd3; end        // CTRL ENABLE | CURSOR
        default: ;
        endcase
    end
    always @(posedge clk)
        if (rst) didx <= 7'd0;
        else if (disp_we) didx <= didx + 7'd1;
    assign disp_we = didx < ND;

    // The stream, through the FIFO register.
    localparam A_FIFO = 12'h018, A_FIFO_FREE = 12'h01C, A_FENCE = 12'h034, A_ERROR = 12'h038;
    reg [7:0] idx;
    reg [8:0] room;                  // words the FIFO takes, read from FIFO_FREE
    reg       polling;
    assign acc_we = !disp_we && !polling && room != 9'd0;
    assign acc_wdata = (HAS_TRI == 0 && idx >= TRI_LO && idx <= TRI_HI) ? 32'd0 : rom(idx);
    always @(*) begin
        if (polling) acc_addr = idx[0] ? A_ERROR : A_FENCE;
        else acc_addr = room != 9'd0 ? A_FIFO : A_FIFO_FREE;
    end
    always @(posedge clk)
        if (rst) begin
            idx <= 8'd0;
            room <= 9'd0;
            polling <= 1'b0;
            done <= 1'b0;
            failed <= 1'b0;
        end else if (polling) begin
            idx <= idx + 8'd1;
            if (!idx[0] && acc_rdata == 32'h600D) done <= 1'b1;
            if (idx[0] && acc_rdata != 32'd0) failed <= 1'b1;
        end else if (acc_we) begin
            idx <= idx + 8'd1;
            room <= room - 9'd1;
            if (idx == N - 1) begin
                polling <= 1'b1;
                room <= 9'd0;
            end
        end else if (!disp_we)
            room <= acc_rdata[8:0];
endmodule
