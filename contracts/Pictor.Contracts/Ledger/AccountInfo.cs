namespace Pictor.Contracts.Ledger;

/// <summary>A creator account's balance: what the operator granted, what its jobs hold and what they drew.</summary>
/// <param name="Account">The account id.</param>
/// <param name="Unlimited">Whether the account has an unlimited grant (the operator's account).</param>
/// <param name="Granted">Credits granted to it, in total.</param>
/// <param name="Reserved">Credits its running jobs hold and have not drawn yet.</param>
/// <param name="Drawn">Credits its jobs drew: paid to workers for verified renders, ended jobs and running ones alike.</param>
/// <param name="Available">
/// What a new job may reserve: <paramref name="Granted"/> − <paramref name="Drawn"/> − <paramref name="Reserved"/>; null
/// for an unlimited account.
/// </param>
/// <param name="OpenJobs">Jobs holding a reservation.</param>
/// <param name="Grants">Grants applied (each grant id once).</param>
[GenerateSerializer, Immutable, Alias("pictor.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string Account,
    [property: Id(1)] bool Unlimited,
    [property: Id(2)] long Granted,
    [property: Id(3)] long Reserved,
    [property: Id(4)] long Drawn,
    [property: Id(5)] long? Available,
    [property: Id(6)] int OpenJobs,
    [property: Id(7)] int Grants);
