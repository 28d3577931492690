namespace Pictor.Grains.Ledger;

/// <summary>A creator account's book as its grain holds it: the totals every reservation is checked against.</summary>
/// <param name="Account">The account id.</param>
/// <param name="Granted">Credits granted.</param>
/// <param name="OpenReserved">Credits reserved by jobs not released yet (their full reservations).</param>
/// <param name="ReleasedDrawn">Credits drawn by released jobs.</param>
/// <param name="OpenJobs">The jobs not released yet.</param>
/// <param name="Grants">Grant ids applied.</param>
[GenerateSerializer, Immutable, Alias("pictor.AccountBook")]
public sealed record AccountBook(
    [property: Id(0)] string Account,
    [property: Id(1)] long Granted,
    [property: Id(2)] long OpenReserved,
    [property: Id(3)] long ReleasedDrawn,
    [property: Id(4)] IReadOnlyList<string> OpenJobs,
    [property: Id(5)] int Grants)
{
    /// <summary>What a new reservation may take: granted, less what released jobs drew and open jobs hold.</summary>
    public long Available => Granted - ReleasedDrawn - OpenReserved;
}
