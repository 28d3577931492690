using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary><c>Settled(bytes32 indexed settlementId, bytes32 receiptsRoot, uint256 total, uint256 count)</c>.</summary>
[Event("Settled")]
public partial class SettledEventDTO : IEventDTO
{
    /// <summary>The settlement id (indexed, so logs can be filtered by it).</summary>
    [Parameter("bytes32", "settlementId", 1, true)]
    public byte[] SettlementId { get; set; } = [];

    /// <summary>The receipts root passed to <c>settle</c>.</summary>
    [Parameter("bytes32", "receiptsRoot", 2, false)]
    public byte[] ReceiptsRoot { get; set; } = [];

    /// <summary>Sum of the amounts minted, in base units.</summary>
    [Parameter("uint256", "total", 3, false)]
    public BigInteger Total { get; set; }

    /// <summary>Number of lines minted.</summary>
    [Parameter("uint256", "count", 4, false)]
    public BigInteger Count { get; set; }
}
