// iCEBreaker top for the GC core's self-test: the 12 MHz oscillator clocks
// everything; the self-test builds a heap in the SPRAM, the core collects
// it, the self-test checks the result and reports "GC PASS <cycles>" (or
// FAIL) on the FTDI serial port at 115,200 baud and on the LEDs (green:
// pass, red: fail). The button starts it again.
module gc_board_top (
    input  wire CLK,
    input  wire BTN_N,
    output wire LEDR_N,
    output wire LEDG_N,
    output wire TX
);
    // power-on reset, and the button
    reg [7:0] por = 8'd0;
    wire rst = !por[7];
    always @(posedge CLK)
        if (!BTN_N)
            por <= 8'd0;
        else if (!por[7])
            por <= por + 8'd1;

    wire        gc_start, gc_busy, gc_done;
    wire [2:0]  gc_error;
    wire [15:0] gc_new_top, gc_error_addr;
    wire [63:0] gc_error_value;
    wire [31:0] gc_live_words, gc_live_objects, gc_moved, gc_cycles, gc_mark_cycles, gc_accesses;
    wire        c_valid, c_we, s_valid, s_we;
    wire [15:0] c_addr, s_addr;
    wire [63:0] c_wdata, s_wdata, m_rdata;
    wire [7:0]  c_wtag, s_wtag, m_rtag;
    wire        m_ready, m_err;

    // The self-test owns the memory while the core is idle.
    wire        m_valid = gc_busy ? c_valid : s_valid;
    wire        m_we = gc_busy ? c_we : s_we;
    wire [15:0] m_addr = gc_busy ? c_addr : s_addr;
    wire [63:0] m_wdata = gc_busy ? c_wdata : s_wdata;
    wire [7:0]  m_wtag = gc_busy ? c_wtag : s_wtag;

    gc_mem mem (
        .clk(CLK), .rst(rst), .mem_valid(m_valid), .mem_we(m_we), .mem_addr(m_addr),
        .mem_wdata(m_wdata), .mem_wtag(m_wtag), .mem_ready(m_ready), .mem_rdata(m_rdata),
        .mem_rtag(m_rtag), .mem_err(m_err));

    gc_core #(.AW(16), .CNT_W(16)) core (
        .clk(CLK), .rst(rst), .start(gc_start),
        .heap_base(16'h1000), .heap_top(16'h1000 + 16'd32 * 16'd1000 + 16'd72),
        .heap_limit(16'hA000), .side_base(16'hA000), .side_size(16'h5000),
        .root_base(16'h0000), .root_count(16'd3),
        .mem_valid(c_valid), .mem_we(c_we), .mem_addr(c_addr), .mem_wdata(c_wdata),
        .mem_wtag(c_wtag), .mem_ready(m_ready && gc_busy), .mem_rdata(m_rdata), .mem_rtag(m_rtag),
        .mem_err(m_err), .busy(gc_busy), .done(gc_done), .error(gc_error),
        .error_addr(gc_error_addr), .error_value(gc_error_value), .new_top(gc_new_top),
        .live_words(gc_live_words), .live_objects(gc_live_objects), .moved_bytes(gc_moved),
        .cycles(gc_cycles), .mark_cycles(gc_mark_cycles), .accesses(gc_accesses));

    wire       tx_valid, tx_ready, pass, fail;
    wire [7:0] tx_data;
    gc_selftest st (
        .clk(CLK), .rst(rst), .gc_start(gc_start), .gc_busy(gc_busy), .gc_done(gc_done),
        .gc_error(gc_error), .gc_new_top(gc_new_top), .gc_live_words(gc_live_words),
        .gc_live_objects(gc_live_objects), .gc_cycles(gc_cycles),
        .mem_valid(s_valid), .mem_we(s_we), .mem_addr(s_addr), .mem_wdata(s_wdata),
        .mem_wtag(s_wtag), .mem_ready(m_ready && !gc_busy), .mem_rdata(m_rdata), .mem_rtag(m_rtag),
        .tx_valid(tx_valid), .tx_data(tx_data), .tx_ready(tx_ready), .pass(pass), .fail(fail));

    uart_tx uart (.clk(CLK), .rst(rst), .valid(tx_valid), .data(tx_data), .ready(tx_ready), .tx(TX));

    assign LEDG_N = !pass;
    assign LEDR_N = !fail;
endmodule
