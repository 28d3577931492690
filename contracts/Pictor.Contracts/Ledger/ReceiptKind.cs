namespace Pictor.Contracts.Ledger;

/// <summary>Why a work receipt pays; the values are those of the canonical receipt encoding.</summary>
[GenerateSerializer, Alias("pictor.ReceiptKind")]
public enum ReceiptKind
{
    /// <summary>A tile credited payable when it was recorded.</summary>
    Credit = 0,

    /// <summary>A pending tile that verification confirmed in this epoch.</summary>
    Confirmed = 1,

    /// <summary>Credits a worker earned without a wallet in earlier epochs, paid to the wallet it has now.</summary>
    Carry = 2,
}
