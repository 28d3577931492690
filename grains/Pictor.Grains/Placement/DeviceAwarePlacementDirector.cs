using Orleans.Runtime.Placement;

namespace Pictor.Grains.Placement;

/// <summary>
/// Sends tile activations to the silo the job chose, or else to the compatible silo whose eligible devices finish them
/// soonest.
/// </summary>
/// <remarks>
/// Only silos that host the tile grain class are compatible (worker and all-role silos). Silos the job asked to
/// avoid are skipped. A job sizes each work unit for the silo it chose (<see cref="PlacementHints.TargetSilo"/>), so
/// that choice wins while the silo is compatible. Before any capacity report has arrived it falls back to a random
/// compatible silo.
/// </remarks>
public sealed class DeviceAwarePlacementDirector(DeviceDirectoryCache cache) : IPlacementDirector
{
    /// <inheritdoc/>
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        var excluded = PlacementHints.ReadExcludedSilos(target);
        var allowed = compatible.Where(s => !excluded.Contains(s.ToParsableString())).ToArray();
        if (allowed.Length == 0)
        {
            allowed = compatible;
        }

        if (allowed.Length == 0)
        {
            throw new OrleansException("No silo hosts render devices.");
        }

        if (PlacementHints.ReadTargetSilo(target) is { } wanted
            && allowed.FirstOrDefault(s => s.ToParsableString() == wanted) is { } targeted)
        {
            return Task.FromResult(targeted);
        }

        string? chosen = cache.Choose(allowed.Select(s => s.ToParsableString()).ToArray());
        var silo = chosen is null ? allowed[Random.Shared.Next(allowed.Length)] : allowed.First(s => s.ToParsableString() == chosen);
        return Task.FromResult(silo);
    }
}
