namespace Pictor.Chain.Receipts;

/// <summary>Why a work receipt pays; its integer value is part of the canonical encoding.</summary>
public enum WorkReceiptKind
{
    /// <summary>A tile credited as payable when it was recorded.</summary>
    Credit = 0,

    /// <summary>A tile recorded as pending that verification confirmed in this epoch.</summary>
    Confirmed = 1,

    /// <summary>Credits a worker earned without a wallet in earlier epochs, paid now to the wallet it registered since.</summary>
    Carry = 2,
}
