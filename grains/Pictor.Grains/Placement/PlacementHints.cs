using Orleans.Runtime.Placement;

namespace Pictor.Grains.Placement;

/// <summary>Request-context hints the job gives the tile placement director.</summary>
public static class PlacementHints
{
    /// <summary>Key of the comma-separated silo addresses the next placement must avoid.</summary>
    public const string ExcludedSilos = "pictor.exclude-silos";

    /// <summary>Key of the silo address the job chose for the activation.</summary>
    public const string TargetSilo = "pictor.target-silo";

    /// <summary>
    /// Runs <paramref name="call"/> with placement told to avoid <paramref name="silos"/>, and to use
    /// <paramref name="target"/> when it may.
    /// </summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="silos">Silo addresses (parsable strings) to avoid; empty for none.</param>
    /// <param name="target">The silo the caller chose (parsable string), or null to let placement choose.</param>
    /// <param name="call">The grain call whose activation may be placed.</param>
    /// <returns>The call's result.</returns>
    public static Task<T> Placing<T>(IReadOnlyCollection<string> silos, string? target, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(silos);
        Set(ExcludedSilos, silos.Count == 0 ? null : string.Join(',', silos));
        Set(TargetSilo, target);
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(ExcludedSilos);
            RequestContext.Remove(TargetSilo);
        }
    }

    /// <summary>Reads the silo the caller chose from a placement target.</summary>
    /// <param name="target">The placement target.</param>
    /// <returns>The silo address (parsable string), or null.</returns>
    public static string? ReadTargetSilo(PlacementTarget target) =>
        target.RequestContextData is { } data && data.TryGetValue(TargetSilo, out object? value) && value is string text && text.Length > 0
            ? text
            : null;

    private static void Set(string key, string? value)
    {
        if (value is null)
        {
            RequestContext.Remove(key);
        }
        else
        {
            RequestContext.Set(key, value);
        }
    }

    /// <summary>Reads the silos to avoid from a placement target.</summary>
    /// <param name="target">The placement target.</param>
    /// <returns>The silo addresses (parsable strings).</returns>
    public static IReadOnlySet<string> ReadExcludedSilos(PlacementTarget target) =>
        target.RequestContextData is { } data && data.TryGetValue(ExcludedSilos, out object? value) && value is string text
            && text.Length > 0
            ? text.Split(',').ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
