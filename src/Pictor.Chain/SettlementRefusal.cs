namespace Pictor.Chain;

/// <summary>Why the token contract refused a settlement.</summary>
public enum SettlementRefusal
{
    /// <summary>The revert did not match a known error of the contract.</summary>
    Unknown = 0,

    /// <summary>
    /// The settlement id was minted before; nothing was minted this time. Reconcile with
    /// <see cref="PictorTokenService.GetSettlementAsync"/>.
    /// </summary>
    AlreadySettled,

    /// <summary>The zero settlement id.</summary>
    ZeroSettlementId,

    /// <summary>Recipients and amounts differ in length.</summary>
    LengthMismatch,

    /// <summary>No lines.</summary>
    Empty,

    /// <summary>A line pays the zero address.</summary>
    ZeroRecipient,

    /// <summary>A line pays nothing.</summary>
    ZeroAmount,

    /// <summary>The sending account lacks <c>MINTER_ROLE</c>.</summary>
    MissingMinterRole,
}
