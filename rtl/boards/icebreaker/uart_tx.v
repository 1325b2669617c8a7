// 8N1 serial transmitter, DIV clocks per bit (12 MHz / 104 = 115,384 baud,
// 0.16 % from 115,200).
module uart_tx #(
    parameter DIV = 104
) (
    input  wire       clk,
    input  wire       rst,
    input  wire       valid,     // send data (taken when ready)
    input  wire [7:0] data,
    output wire       ready,
    output wire       tx
);
    reg [9:0] shift;             // stop bit, data LSB first, start bit
    reg [3:0] bits;              // bits left to send
    reg [7:0] cnt;
    assign ready = bits == 4'd0;
    assign tx = bits == 4'd0 ? 1'b1 : shift[0];
    always @(posedge clk) begin
        if (rst) begin
            bits <= 4'd0;
            cnt <= 8'd0;
        end else if (bits == 4'd0) begin
            if (valid) begin
                shift <= {1'b1, data, 1'b0};
                bits <= 4'd10;
                cnt <= 8'd0;
            end
        end else if (cnt == DIV - 1) begin
            cnt <= 8'd0;
            shift <= {1'b1, shift[9:1]};
            bits <= bits - 4'd1;
        end else begin
            cnt <= cnt + 8'd1;
        end
    end
endmodule
