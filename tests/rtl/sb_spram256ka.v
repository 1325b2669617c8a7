// A model of the iCE40 SPRAM block (16K x 16, registered output, nibble
// write enables) for simulation.
module SB_SPRAM256KA (
    input  wire [13:0] ADDRESS,
    input  wire [15:0] DATAIN,
    input  wire [3:0]  MASKWREN,
    input  wire        WREN,
    input  wire        CHIPSELECT,
    input  wire        CLOCK,
    input  wire        STANDBY,
    input  wire        SLEEP,
    input  wire        POWEROFF,
    output reg  [15:0] DATAOUT
);
    reg [15:0] mem [0:16383];
    integer i;
    always @(posedge CLOCK)
        if (CHIPSELECT) begin
            if (WREN) begin
                for (i = 0; i < 4; i = i + 1)
                    if (MASKWREN[i]) mem[ADDRESS][4 * i +: 4] <= DATAIN[4 * i +: 4];
            end else
                DATAOUT <= mem[ADDRESS];
        end
endmodule
