using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>Custom error <c>SettlementEmpty()</c>: a settlement must pay at least one recipient.</summary>
[Error("SettlementEmpty")]
public partial class SettlementEmptyError : IErrorDTO
{
}
