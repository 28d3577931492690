using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Tests.Ledger;

/// <summary>Builds credits the way a job does: tile ids <c>{job}/{frame}/{tile}</c>.</summary>
internal static class LedgerCredits
{
    public static CreditRequest Tile(
        string jobId, int frame, int tile, string workerId, string wallet, long amount = 100, bool pending = false) =>
        new($"{jobId}/{frame}/{tile}", jobId, workerId, wallet, amount, amount, pending);

    public static List<CreditRequest> Frame(
        string jobId, int frame, int tiles, string workerId, string wallet, long amount = 100, bool pending = false) =>
        Enumerable.Range(0, tiles).Select(t => Tile(jobId, frame, t, workerId, wallet, amount, pending)).ToList();

    public static string NewLedger(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// Reserves, for each job, a large amount from the operator's (unlimited) account, as a job does before it sends
    /// anything: the ledger refuses credits of a job without an open reservation.
    /// </summary>
    public static Task FundAsync(ILedgerGrain ledger, params string[] jobIds) =>
        Task.WhenAll(jobIds.Select(job => ledger.ReserveAsync(job, string.Empty, 1L << 40)));
}
