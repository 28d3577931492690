using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>Custom error <c>SettlementIdZero()</c>: the zero settlement id is refused.</summary>
[Error("SettlementIdZero")]
public partial class SettlementIdZeroError : IErrorDTO
{
}
