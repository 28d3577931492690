using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>Custom error <c>SettlementZeroAmount(uint256 index)</c>: a line pays nothing.</summary>
[Error("SettlementZeroAmount")]
public partial class SettlementZeroAmountError : IErrorDTO
{
    /// <summary>Index of the offending line.</summary>
    [Parameter("uint256", "index", 1)]
    public BigInteger Index { get; set; }
}
