using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Pictor.Chain.Token;

/// <summary><c>settle(bytes32,bytes32,address[],uint256[])</c>: mints one settlement batch exactly once.</summary>
[Function("settle")]
public partial class SettleFunction : FunctionMessage
{
    /// <summary>Unique id of the batch; a second call with the same id reverts.</summary>
    [Parameter("bytes32", "settlementId", 1)]
    public byte[] SettlementId { get; set; } = [];

    /// <summary>Commitment to the verified work receipts that the batch pays for.</summary>
    [Parameter("bytes32", "receiptsRoot", 2)]
    public byte[] ReceiptsRoot { get; set; } = [];

    /// <summary>Accounts credited, one per line.</summary>
    [Parameter("address[]", "recipients", 3)]
    public List<string> Recipients { get; set; } = [];

    /// <summary>Amounts credited in base units (18 decimals), one per line.</summary>
    [Parameter("uint256[]", "amounts", 4)]
    public List<BigInteger> Amounts { get; set; } = [];
}
