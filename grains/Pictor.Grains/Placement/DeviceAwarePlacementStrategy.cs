namespace Pictor.Grains.Placement;

/// <summary>Places an activation on the silo whose eligible devices would finish it soonest.</summary>
[GenerateSerializer, Immutable, Alias("pictor.DeviceAwarePlacementStrategy")]
public sealed class DeviceAwarePlacementStrategy : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static DeviceAwarePlacementStrategy Instance { get; } = new();
}
