// The GC board's self-test: builds a heap in memory, has the GC core
// collect it, checks every word the collection defines against the heap it
// must leave, and reports.
//
// The heap (byte addresses): roots at 0x0000, heap from 0x1000, side tables
// from 0xA000 (20 KiB). N = 1000 live pairs, a list (car = fixnum i), each
// followed by a garbage pair that points to itself; a vector V of 4 fields
// (the list's head, V itself, the list's last pair, a raw word); a garbage
// string of 3 raw words. Roots: the list, V, and a reference into PMEM
// (external: left alone). The collection must leave the list as 2N words
// from 0x1000, V after it, RAW zeros up to the old top, and the roots fixed:
// 2N + 5 live words in N + 1 objects.
module gc_selftest (
    input  wire        clk,
    input  wire        rst,
    // the GC core's configuration and status
    output reg         gc_start,
    input  wire        gc_busy,
    input  wire        gc_done,
    input  wire [2:0]  gc_error,
    input  wire [15:0] gc_new_top,
    input  wire [31:0] gc_live_words,
    input  wire [31:0] gc_live_objects,
    input  wire [31:0] gc_cycles,
    // the memory, while the core is idle
    output reg         mem_valid,
    output reg         mem_we,
    output reg  [15:0] mem_addr,
    output reg  [63:0] mem_wdata,
    output reg  [7:0]  mem_wtag,
    input  wire        mem_ready,
    input  wire [63:0] mem_rdata,
    input  wire [7:0]  mem_rtag,
    // the report
    output reg         tx_valid,
    output reg  [7:0]  tx_data,
    input  wire        tx_ready,
    output reg         pass,
    output reg         fail
);
    localparam N = 1000;
    localparam [15:0] H = 16'h1000;
    localparam [15:0] V = H + 32 * N;             // the vector, before collection
    localparam [15:0] OLD_TOP = V + 40 + 32;      // after the string
    localparam [15:0] NV = H + 16 * N;            // the vector, after
    localparam [15:0] NEW_TOP = NV + 40;
    localparam [63:0] EXT = 64'h10_0000_0000;      // PMEM: external
    localparam [63:0] RAWW = 64'h0123_4567_89AB_CDEF;
    localparam [7:0] T_FIX = 8'h01, T_IMM = 8'h03, T_CONS = 8'h38, T_OBJ = 8'h3A, T_HDR = 8'h0B;
    localparam [31:0] BUILD_WORDS = 4 * N + 9;    // heap words written, then 3 roots
    localparam [31:0] CHECK_WORDS = (OLD_TOP - H) / 8; // heap words checked, then 3 roots

    // The word k of the heap as built (k < 4N + 9), then root k - (4N + 9).
    reg [15:0] b_addr;
    reg [63:0] b_data;
    reg [7:0]  b_tag;
    reg [13:0] bk;
    wire [13:0] rk = bk - BUILD_WORDS[13:0];
    always @(*) begin
        b_addr = H + {bk[12:0], 3'b000};
        b_data = 64'd0;
        b_tag = 8'd0;
        if (bk < 4 * N) begin
            case (bk[1:0])
            2'd0, 2'd2: begin b_tag = T_FIX; b_data = {52'd0, bk[13:2]}; end
            2'd1: if (bk[13:2] == N - 1) begin b_tag = T_IMM; end
                  else begin b_tag = T_CONS; b_data = H + {bk[13:2] + 12'd1, 5'd0}; end
            default: begin b_tag = T_CONS; b_data = H + {bk[13:2], 5'd0} + 16; end
            endcase
        end else if (bk < 4 * N + 5) begin
            case (bk - 4 * N)
            0: begin b_tag = T_HDR; b_data = 64'h0001_0000_0000_0004; end
            1: begin b_tag = T_CONS; b_data = H; end
            2: begin b_tag = T_OBJ; b_data = V; end
            3: begin b_tag = T_CONS; b_data = H + 32 * (N - 1); end
            default: begin b_tag = 8'd0; b_data = RAWW; end
            endcase
        end else if (bk < BUILD_WORDS) begin
            if (bk == 4 * N + 5) begin b_tag = T_HDR; b_data = 64'h0002_0000_0000_0003; end
            else begin b_tag = 8'd0; b_data = RAWW ^ {50'd0, bk}; end
        end else begin
            b_addr = {rk[12:0], 3'b000};
            case (rk)
            0: begin b_tag = T_CONS; b_data = H; end
            1: begin b_tag = T_OBJ; b_data = V; end
            default: begin b_tag = T_CONS; b_data = EXT; end
            endcase
        end
    end

    // The word k the collection must leave (k < CHECK_WORDS from H), then
    // the roots.
    reg [15:0] c_addr;
    reg [63:0] c_data;
    reg [7:0]  c_tag;
    reg [13:0] ck;
    wire [13:0] rc = ck - CHECK_WORDS[13:0];
    always @(*) begin
        c_addr = H + {ck[12:0], 3'b000};
        c_data = 64'd0;
        c_tag = 8'd0;
        if (ck < 2 * N) begin
            if (!ck[0]) begin
                c_tag = T_FIX; c_data = {51'd0, ck[13:1]};
            end else if (ck[13:1] == N - 1) begin
                c_tag = T_IMM;
            end else begin
                c_tag = T_CONS; c_data = H + {ck[13:1] + 13'd1, 4'd0};
            end
        end else if (ck < 2 * N + 5) begin
            case (ck - 2 * N)
            0: begin c_tag = T_HDR; c_data = 64'h0001_0000_0000_0004; end
            1: begin c_tag = T_CONS; c_data = H; end
            2: begin c_tag = T_OBJ; c_data = NV; end
            3: begin c_tag = T_CONS; c_data = H + 16 * (N - 1); end
            default: begin c_tag = 8'd0; c_data = RAWW; end
            endcase
        end else if (ck >= CHECK_WORDS) begin
            c_addr = {rc[12:0], 3'b000};
            case (rc)
            0: begin c_tag = T_CONS; c_data = H; end
            1: begin c_tag = T_OBJ; c_data = NV; end
            default: begin c_tag = T_CONS; c_data = EXT; end
            endcase
        end
    end

    // The report: "GC PASS" or "GC FAIL", the core's cycles in hex, CR LF.
    localparam MSG_LEN = 19;
    reg [4:0] mi;
    reg       ok;
    function [7:0] hexd;
        input [3:0] d;
        hexd = d < 10 ? 8'h30 + {4'd0, d} : 8'h37 + {4'd0, d};
    endfunction
    reg [7:0] msg;
    always @(*) begin
        case (mi)
        0: msg = "G"; 1: msg = "C"; 2: msg = " ";
        3: msg = ok ? "P" : "F"; 4: msg = ok ? "A" : "A"; 5: msg = ok ? "S" : "I";
        6: msg = ok ? "S" : "L"; 7: msg = " ";
        8: msg = hexd(gc_cycles[31:28]); 9: msg = hexd(gc_cycles[27:24]);
        10: msg = hexd(gc_cycles[23:20]); 11: msg = hexd(gc_cycles[19:16]);
        12: msg = hexd(gc_cycles[15:12]); 13: msg = hexd(gc_cycles[11:8]);
        14: msg = hexd(gc_cycles[7:4]); 15: msg = hexd(gc_cycles[3:0]);
        16: msg = " "; 17: msg = 8'h0D; default: msg = 8'h0A;
        endcase
    end

    localparam S_BUILD = 3'd0, S_RUN = 3'd1, S_WAIT = 3'd2, S_CHECK = 3'd3, S_SAY = 3'd4,
               S_HALT = 3'd5;
    reg [2:0] state;

    always @(posedge clk) begin
        gc_start <= 1'b0;
        tx_valid <= 1'b0;
        if (rst) begin
            state <= S_BUILD;
            bk <= 14'd0;
            ck <= 14'd0;
            mi <= 5'd0;
            ok <= 1'b1;
            pass <= 1'b0;
            fail <= 1'b0;
            mem_valid <= 1'b0;
        end else case (state)
        S_BUILD:
            if (!mem_valid) begin
                mem_valid <= 1'b1;
                mem_we <= 1'b1;
                mem_addr <= b_addr;
                mem_wdata <= b_data;
                mem_wtag <= b_tag;
            end else if (mem_ready) begin
                mem_valid <= 1'b0;
                if (bk == BUILD_WORDS + 2)
                    state <= S_RUN;
                bk <= bk + 14'd1;
            end
        S_RUN: begin
            gc_start <= 1'b1;
            state <= S_WAIT;
        end
        S_WAIT:
            if (gc_done) begin
                ok <= gc_error == 3'd0 && gc_new_top == NEW_TOP && gc_live_words == 2 * N + 5 &&
                      gc_live_objects == N + 1;
                state <= S_CHECK;
            end
        S_CHECK:
            if (!mem_valid) begin
                mem_valid <= 1'b1;
                mem_we <= 1'b0;
                mem_addr <= c_addr;
            end else if (mem_ready) begin
                mem_valid <= 1'b0;
                if (mem_rdata != c_data || mem_rtag != c_tag)
                    ok <= 1'b0;
                if (ck == CHECK_WORDS + 2)
                    state <= S_SAY;
                ck <= ck + 14'd1;
            end
        S_SAY:
            if (tx_ready && !tx_valid) begin
                tx_valid <= 1'b1;
                tx_data <= msg;
                mi <= mi + 5'd1;
                if (mi == MSG_LEN - 1)
                    state <= S_HALT;
            end
        default: begin
            pass <= ok;
            fail <= !ok;
        end
        endcase
    end
endmodule
