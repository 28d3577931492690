using Orleans.Placement;

namespace Pictor.Grains.Placement;

/// <summary>Marks a grain class (the tile grain) for <see cref="DeviceAwarePlacementStrategy"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DeviceAwarePlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public DeviceAwarePlacementAttribute()
        : base(DeviceAwarePlacementStrategy.Instance)
    {
    }
}
