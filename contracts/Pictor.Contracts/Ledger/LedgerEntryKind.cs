namespace Pictor.Contracts.Ledger;

/// <summary>What a journal entry records.</summary>
[GenerateSerializer, Alias("pictor.LedgerEntryKind")]
public enum LedgerEntryKind
{
    /// <summary>A tile credited payable at once (verified when credited, or not subject to verification).</summary>
    Credit = 0,

    /// <summary>A tile credited while it awaits verification; it pays nothing until confirmed.</summary>
    Pending = 1,

    /// <summary>Verification confirmed a pending tile: its credit is payable in the epoch of this entry.</summary>
    Confirmed = 2,

    /// <summary>Verification rejected a pending tile: its credit is never payable.</summary>
    Rejected = 3,
}
