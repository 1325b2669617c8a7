// Board-level simulation of icebreaker_top under Icarus Verilog: simple
// models of the iCE40 primitives it uses, the 12 MHz and 25.125 MHz clocks,
// and a check of one whole video frame after the self-test scene is drawn:
// every visible pixel must be the frame buffer's (pixel-doubled, RGB565 cut
// to 4 bits a channel) or, where the display controller's cursor covers it,
// the cursor's (the sequencer puts an arrow there), the letterbox black, and
// the sync pulses where 640x480@60 puts them. Writes the frame as a PPM
// image for a look.
//
//   meson test -C build rtl-board-sim (tests/rtl/meson.build builds it)
`timescale 1ns / 1ps
module tb_icebreaker;
    reg clk12 = 0, clk25 = 0;
    always #41.667 clk12 = !clk12;
    always #19.900 clk25 = !clk25;

    wire ledr_n, ledg_n, dclk, hs, vs, de;
    wire [3:0] r, g, b;
    icebreaker_top dut (
        .CLK(clk12), .BTN_N(1'b1), .LEDR_N(ledr_n), .LEDG_N(ledg_n),
        .dvi_clk(dclk), .dvi_hsync(hs), .dvi_vsync(vs), .dvi_de(de),
        .dvi_r(r), .dvi_g(g), .dvi_b(b)
    );

    // The frame buffer word holding pixel (x, y) of the 320x200 surface.
    function [15:0] fb_px(input integer x, input integer y);
        integer wa;
        reg [31:0] w;
        begin
            wa = y * 160 + x / 2;
            w = wa < 16384 ? {dut.display.fb.g_bank[0].g_half[1].ram.mem[wa], dut.display.fb.g_bank[0].g_half[0].ram.mem[wa]}
                           : {dut.display.fb.g_bank[1].g_half[1].ram.mem[wa - 16384], dut.display.fb.g_bank[1].g_half[0].ram.mem[wa - 16384]};
            fb_px = x % 2 ? w[31:16] : w[15:0];
        end
    endfunction

    // The cursor's colour at frame-buffer pixel (x, y), if it covers it.
    reg        cur_hit;
    reg [11:0] cur_px;
    task cursor_at(input integer x, input integer y);
        integer c, rr, bit;
        begin
            c = x - $signed(dut.display.disp.scan_cx0);
            rr = y - $signed(dut.display.disp.scan_cy0);
            cur_hit = 0;
            if (dut.display.disp.scan_cursor && c >= 0 && c < 32 && rr >= 0 && rr < 32) begin
                bit = 8 * (c / 8) + 7 - c % 8;
                cur_hit = dut.display.scan.cmask[rr][bit];
                cur_px = dut.display.scan.ccol[rr][bit] ? dut.display.disp.scan_c1 : dut.display.disp.scan_c0;
            end
        end
    endtask

    integer f, x, y, bad, hsn, vsn, frames, ncur;
    reg [15:0] p;
    reg [11:0] want;
    reg done;
    initial begin
        bad = 0; frames = 0; done = 0; ncur = 0;
        // The scene: wait for the green LED (the final FENCE).
        wait (ledg_n == 1'b0 || ledr_n == 1'b0);
        if (ledr_n == 1'b0) begin
            $display("FAIL: accelerator error %0d", dut.gfx.core.error);
            $finish;
        end
        $display("scene drawn after %0d us: %0d cycles, %0d pixels", $time / 1000, dut.gfx.core.cycles, dut.gfx.core.pixels);
        // Skip to the start of the next frame, then one more (the buffer
        // lines of the first one may predate the scene).
        repeat (2) begin
            @(negedge vs);
        end
        @(posedge vs);
        f = $fopen("frame.ppm", "w");
        $fwrite(f, "P3\n640 480\n15\n");
        y = 0;
        while (y < 480) begin
            @(posedge clk25);
            if (de) begin
                for (x = 0; x < 640; x = x + 1) begin
                    if (!de) begin
                        $display("FAIL: DE low at (%0d, %0d)", x, y);
                        bad = bad + 1;
                    end
                    if (y >= 40 && y < 440) begin
                        p = fb_px(x / 2, (y - 40) / 2);
                        want = {p[15:12], p[10:7], p[4:1]};
                        cursor_at(x / 2, (y - 40) / 2);
                        if (cur_hit) begin
                            want = cur_px;
                            ncur = ncur + 1;
                        end
                    end else
                        want = 12'd0;
                    if ({r, g, b} !== want) begin
                        if (bad < 10) $display("FAIL: pixel (%0d, %0d) = %h, want %h", x, y, {r, g, b}, want);
                        bad = bad + 1;
                    end
                    $fwrite(f, "%0d %0d %0d\n", r, g, b);
                    @(posedge clk25);
                end
                if (de) begin
                    $display("FAIL: line %0d longer than 640", y);
                    bad = bad + 1;
                end
                y = y + 1;
            end
        end
        $fclose(f);
        // The arrow covers 136 frame-buffer pixels, 4 screen pixels each.
        if (ncur != 4 * 136) begin
            $display("FAIL: the cursor covers %0d screen pixels, not %0d", ncur, 4 * 136);
            bad = bad + 1;
        end
        if (bad == 0) $display("PASS: frame matches the frame buffer and the cursor");
        else $display("FAIL: %0d bad pixels", bad);
        $finish;
    end

    // Sync pulse widths: hsync 96 clocks, vsync 2 lines (1600 clocks).
    integer hcount = 0, vcount = 0;
    always @(posedge clk25) begin
        if (!hs) hcount = hcount + 1;
        else if (hcount != 0) begin
            if (hcount != 96) begin $display("FAIL: hsync %0d clocks", hcount); end
            hcount = 0;
        end
        if (!vs) vcount = vcount + 1;
        else if (vcount != 0) begin
            if (vcount != 1600) begin $display("FAIL: vsync %0d clocks", vcount); end
            vcount = 0;
        end
    end

    initial begin
        #200000000;
        $display("FAIL: timeout");
        $finish;
    end
endmodule

// ---- minimal models of the iCE40 primitives used ----
module SB_PLL40_2_PAD (
    input PACKAGEPIN, output PLLOUTGLOBALA, output PLLOUTGLOBALB,
    input RESETB, input BYPASS, output LOCK
);
    parameter FEEDBACK_PATH = "SIMPLE";
    parameter DIVR = 4'd0, DIVF = 7'd0, DIVQ = 3'd0, FILTER_RANGE = 3'd0;
    parameter PLLOUT_SELECT_PORTB = "GENCLK";
    assign PLLOUTGLOBALA = PACKAGEPIN;
    assign PLLOUTGLOBALB = tb_icebreaker.clk25;
    assign LOCK = 1'b1;
endmodule

module SB_IO (
    inout PACKAGE_PIN, input OUTPUT_CLK, input D_OUT_0, input D_OUT_1
);
    parameter PIN_TYPE = 6'b000000;
    reg q0 = 0, q1 = 0;
    always @(posedge OUTPUT_CLK) q0 <= D_OUT_0;
    always @(negedge OUTPUT_CLK) q1 <= D_OUT_1;
    assign PACKAGE_PIN = OUTPUT_CLK ? q0 : q1;
endmodule

module SB_SPRAM256KA (
    input [13:0] ADDRESS, input [15:0] DATAIN, input [3:0] MASKWREN,
    input WREN, CHIPSELECT, CLOCK, STANDBY, SLEEP, POWEROFF,
    output reg [15:0] DATAOUT
);
    reg [15:0] mem [0:16383];
    integer i;
    initial for (i = 0; i < 16384; i = i + 1) mem[i] = 16'h0000;
    always @(posedge CLOCK)
        if (CHIPSELECT) begin
            if (!WREN) DATAOUT <= mem[ADDRESS];
            else begin
                if (MASKWREN[0]) mem[ADDRESS][3:0] <= DATAIN[3:0];
                if (MASKWREN[1]) mem[ADDRESS][7:4] <= DATAIN[7:4];
                if (MASKWREN[2]) mem[ADDRESS][11:8] <= DATAIN[11:8];
                if (MASKWREN[3]) mem[ADDRESS][15:12] <= DATAIN[15:12];
                DATAOUT <= 16'hxxxx;
            end
        end
endmodule
