using Orleans.Runtime.Placement;

namespace Pictor.Grains.Placement;

/// <summary>Request-context hints the job gives the tile placement director.</summary>
public static class PlacementHints
{
    /// <summary>Key of the comma-separated silo addresses the next placement must avoid.</summary>
    public const string ExcludedSilos = "pictor.exclude-silos";

    /// <summary>Runs <paramref name="call"/> with placement told to avoid <paramref name="silos"/>.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="silos">Silo addresses (parsable strings) to avoid; empty for none.</param>
    /// <param name="call">The grain call whose activation may be placed.</param>
    /// <returns>The call's result.</returns>
    public static Task<T> AvoidingSilos<T>(IReadOnlyCollection<string> silos, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (silos.Count == 0)
        {
            RequestContext.Remove(ExcludedSilos);
            return call();
        }

        RequestContext.Set(ExcludedSilos, string.Join(',', silos));
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(ExcludedSilos);
        }
    }

    /// <summary>Reads the silos to avoid from a placement target.</summary>
    /// <param name="target">The placement target.</param>
    /// <returns>The silo addresses (parsable strings).</returns>
    public static IReadOnlySet<string> ReadExcludedSilos(PlacementTarget target) =>
        target.RequestContextData is { } data && data.TryGetValue(ExcludedSilos, out object? value) && value is string text && text.Length > 0
            ? text.Split(',').ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
