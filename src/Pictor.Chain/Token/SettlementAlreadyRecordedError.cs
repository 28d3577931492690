using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>Custom error <c>SettlementAlreadyRecorded(bytes32 settlementId)</c>: the id was minted before; nothing was minted.</summary>
[Error("SettlementAlreadyRecorded")]
public partial class SettlementAlreadyRecordedError : IErrorDTO
{
    /// <summary>The repeated settlement id.</summary>
    [Parameter("bytes32", "settlementId", 1)]
    public byte[] SettlementId { get; set; } = [];
}
