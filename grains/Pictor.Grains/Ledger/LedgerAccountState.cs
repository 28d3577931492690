namespace Pictor.Grains.Ledger;

/// <summary>Persisted book of one creator account: its grants and its jobs' reservations.</summary>
/// <remarks>Grows with the account's grants and jobs, not with the ledger's other accounts or credits.</remarks>
[GenerateSerializer, Alias("pictor.LedgerAccountState")]
public sealed class LedgerAccountState
{
    /// <summary>Credits granted, in total.</summary>
    [Id(0)]
    public long Granted { get; set; }

    /// <summary>Every grant applied, by grant id: the idempotency key of <see cref="ILedgerAccountWriter.GrantAsync"/>.</summary>
    [Id(1)]
    public Dictionary<string, long> Grants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every job that reserved from the account, by job id: the idempotency key of reserve and release.</summary>
    [Id(2)]
    public Dictionary<string, AccountJob> Jobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Sum of the open jobs' reservations.</summary>
    [Id(3)]
    public long OpenReserved { get; set; }

    /// <summary>Sum of what released jobs drew.</summary>
    [Id(4)]
    public long ReleasedDrawn { get; set; }
}
