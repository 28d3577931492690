/// <summary>The option sets <c>--tiles-job</c> compares; the first is the reference the others' ratios are taken against.</summary>
/// <remarks>
/// Each set names every setting it depends on rather than relying on defaults, so that "baseline" keeps measuring
/// the old path after a new one becomes the default. Add a set here (e.g. <c>lean</c> with its <c>Grid:…</c> switches)
/// and one run prints both side by side.
/// </remarks>
internal static class TilesJobOptionSets
{
    /// <summary>Every set, the reference first.</summary>
    public static IReadOnlyList<OptionSet> All { get; } =
    [
        new("baseline", new Dictionary<string, string?>(StringComparer.Ordinal)),
    ];
}
