using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Pictor.Chain.Token;

/// <summary><c>settledAtBlock(bytes32) returns (uint256)</c>: the block that minted a settlement, 0 if none.</summary>
[Function("settledAtBlock", "uint256")]
public partial class SettledAtBlockFunction : FunctionMessage
{
    /// <summary>The settlement id asked about.</summary>
    [Parameter("bytes32", "settlementId", 1)]
    public byte[] SettlementId { get; set; } = [];
}
