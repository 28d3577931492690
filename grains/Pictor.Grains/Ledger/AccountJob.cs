namespace Pictor.Grains.Ledger;

/// <summary>One job's reservation as its creator account's book records it.</summary>
/// <param name="Amount">Credits reserved.</param>
/// <param name="Drawn">Credits it drew; fixed when released.</param>
/// <param name="Released">Whether the job ended and the rest went back to the account.</param>
/// <param name="ReservedAt">When it reserved (UTC).</param>
/// <param name="ReleasedAt">When it was released (UTC); null while open.</param>
[GenerateSerializer, Immutable, Alias("pictor.AccountJob")]
public sealed record AccountJob(
    [property: Id(0)] long Amount,
    [property: Id(1)] long Drawn,
    [property: Id(2)] bool Released,
    [property: Id(3)] DateTimeOffset ReservedAt,
    [property: Id(4)] DateTimeOffset? ReleasedAt);
