/// <summary>The option sets <c>--tiles-job</c> compares; the first is the reference the others' ratios are taken against.</summary>
/// <remarks>
/// Each set names every setting it depends on rather than relying on defaults, so that "baseline" keeps measuring
/// the old path after a new one became the default.
/// <list type="bullet">
/// <item><c>baseline</c>: the job sends its ledger entries after every verification step, as before batching
/// (<c>Grid:LedgerBatchTiles</c> 1).</item>
/// <item><c>lean</c>: the default since then: entries gathered up to 4,096 or one second, and before each frame store.</item>
/// </list>
/// Verdicts go in one call per worker in both (that change has no switch; with verification off, as here, there are none).
/// </remarks>
internal static class TilesJobOptionSets
{
    /// <summary>Every set, the reference first.</summary>
    public static IReadOnlyList<OptionSet> All { get; } =
    [
        new("baseline", new Dictionary<string, string?>(StringComparer.Ordinal) { ["Grid:LedgerBatchTiles"] = "1" }),
        new("lean", new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Grid:LedgerBatchTiles"] = "4096",
            ["Grid:LedgerBatchDelay"] = "00:00:01",
        }),
    ];
}
