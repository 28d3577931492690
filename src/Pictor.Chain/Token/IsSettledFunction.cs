using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Pictor.Chain.Token;

/// <summary><c>isSettled(bytes32) returns (bool)</c>.</summary>
[Function("isSettled", "bool")]
public partial class IsSettledFunction : FunctionMessage
{
    /// <summary>The settlement id asked about.</summary>
    [Parameter("bytes32", "settlementId", 1)]
    public byte[] SettlementId { get; set; } = [];
}
