namespace Pictor.Grains.Ledger;

/// <summary>A job's reservation as the ledger holds it while the job may still draw from it.</summary>
/// <remarks>
/// What it drew and holds pending in closed epochs is added here in the write that records each close, exactly once;
/// the open epoch's share is read from that epoch. Once <see cref="Releasing"/> is written the job draws nothing more,
/// so <see cref="FinalDrawn"/> is what the account is charged, however often the release is repeated.
/// </remarks>
[GenerateSerializer, Alias("pictor.OpenReservation")]
public sealed class OpenReservation
{
    /// <summary>The creator account charged.</summary>
    [Id(0)]
    public string Account { get; set; } = string.Empty;

    /// <summary>Credits reserved.</summary>
    [Id(1)]
    public long Amount { get; set; }

    /// <summary>The epoch open when the job reserved: none of its funded entries is older.</summary>
    [Id(2)]
    public long FirstEpoch { get; set; }

    /// <summary>When the job reserved (UTC).</summary>
    [Id(3)]
    public DateTimeOffset ReservedAt { get; set; }

    /// <summary>Payable credits of the job in closed epochs.</summary>
    [Id(4)]
    public long DrawnClosed { get; set; }

    /// <summary>Pending credits of the job in closed epochs, net of their resolutions.</summary>
    [Id(5)]
    public long PendingClosed { get; set; }

    /// <summary>Whether the release has begun: the job's credits and confirmations are refused from then on.</summary>
    [Id(6)]
    public bool Releasing { get; set; }

    /// <summary>What the job drew in all, fixed when the release began.</summary>
    [Id(7)]
    public long FinalDrawn { get; set; }
}
