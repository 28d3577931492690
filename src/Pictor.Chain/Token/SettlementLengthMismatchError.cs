using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>Custom error <c>SettlementLengthMismatch(uint256 recipients, uint256 amounts)</c>: the two arrays differ in length.</summary>
[Error("SettlementLengthMismatch")]
public partial class SettlementLengthMismatchError : IErrorDTO
{
    /// <summary>Length of the recipients array.</summary>
    [Parameter("uint256", "recipients", 1)]
    public BigInteger Recipients { get; set; }

    /// <summary>Length of the amounts array.</summary>
    [Parameter("uint256", "amounts", 2)]
    public BigInteger Amounts { get; set; }
}
