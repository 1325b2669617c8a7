// The accelerator's command FIFO storage: 256 words of block RAM, first word
// fall-through. It only stores and hands out words; gfx_accel counts them.
//
// q shows the word at the read pointer. The block RAM's output is
// registered, so a word written to the address being read in the same
// cycle is forwarded from a register instead (iCE40 block RAM returns the
// old word then).
module gfx_fifo (
    input  wire        clk,
    input  wire        rst,
    input  wire        clr,       // drop every word
    input  wire        we,
    input  wire [31:0] wdata,
    input  wire        pop,       // q has been taken: show the next word
    output wire [31:0] q
);
    reg [31:0] mem [0:255];
    reg [7:0]  wp, rp;
    wire [7:0] rp_n = rp + {7'd0, pop};
    reg [31:0] rd, byp_d;
    reg        byp;
    always @(posedge clk) begin
        if (we) mem[wp] <= wdata;
        rd <= mem[rp_n];
        byp <= we && wp == rp_n;
        byp_d <= wdata;
    end
    always @(posedge clk) begin
        if (rst) begin
            wp <= 8'd0;
            rp <= 8'd0;
        end else begin
            rp <= rp_n;
            if (clr) wp <= rp_n;
            else if (we) wp <= wp + 8'd1;
        end
    end
    assign q = byp ? byp_d : rd;
endmodule
