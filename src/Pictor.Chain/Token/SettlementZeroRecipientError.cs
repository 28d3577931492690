using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>Custom error <c>SettlementZeroRecipient(uint256 index)</c>: a line pays the zero address.</summary>
[Error("SettlementZeroRecipient")]
public partial class SettlementZeroRecipientError : IErrorDTO
{
    /// <summary>Index of the offending line.</summary>
    [Parameter("uint256", "index", 1)]
    public BigInteger Index { get; set; }
}
