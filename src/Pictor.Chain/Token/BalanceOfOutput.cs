using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>Output of <see cref="BalanceOfFunction"/>.</summary>
[FunctionOutput]
public partial class BalanceOfOutput : IFunctionOutputDTO
{
    /// <summary>Balance in base units (18 decimals).</summary>
    [Parameter("uint256", "", 1)]
    public BigInteger Balance { get; set; }
}
