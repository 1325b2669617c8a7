// Command header decoding shared by the accelerator's decoder (gfx_core) and
// its register front end (gfx_accel, which must know where commands end to
// report FIFO_FREE and PARTIAL as the model does): whether the header is
// valid and how many words the command has. An invalid header is a command
// of one word (an OPCODE error), as gfx_cmd_len() in emu/dev_gfx.c says.
module gfx_cmd_len #(
    parameter HAS_TRI = 1       // 0: TRI is an invalid opcode
) (
    input  wire [31:0] hdr,
    output reg         valid,
    output reg  [2:0]  len_m1   // words - 1
);
    always @(*) begin
        valid = 1'b1;
        len_m1 = 3'd0;
        case (hdr[7:0])
        8'd0: valid = hdr[31:8] == 24'd0;
        8'd1: begin valid = hdr[31:16] == 16'd0; len_m1 = 3'd4; end
        8'd2: begin valid = hdr[31:8] == 24'd0;  len_m1 = 3'd2; end
        8'd3, 8'd4, 8'd5: begin valid = hdr[31:12] == 20'd0; len_m1 = 3'd3; end
        8'd6: begin valid = HAS_TRI != 0 && hdr[31:12] == 20'd0; len_m1 = 3'd4; end
        8'd7: begin valid = hdr[31:14] == 18'd0; len_m1 = 3'd7; end
        8'd8: begin valid = hdr[31:8] == 24'd0;  len_m1 = 3'd1; end
        default: valid = 1'b0;
        endcase
        if (!valid) len_m1 = 3'd0;
    end
endmodule
