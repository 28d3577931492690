/// <summary>A named set of grid settings a bench series runs under, e.g. the hot path before and after a change.</summary>
/// <param name="Name">The label printed with its figures.</param>
/// <param name="Settings">Configuration keys (<c>Grid:…</c>) and their values, over the grid's defaults.</param>
internal sealed record OptionSet(string Name, IReadOnlyDictionary<string, string?> Settings);
