using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Pictor.Chain.Token;

/// <summary>ERC-20 <c>balanceOf(address) returns (uint256)</c>.</summary>
[Function("balanceOf", typeof(BalanceOfOutput))]
public partial class BalanceOfFunction : FunctionMessage
{
    /// <summary>The account asked about.</summary>
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}
