using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Pictor.Grains.Placement;

/// <summary>Reads silo roles from this silo's options and the other silos' Orleans metadata.</summary>
/// <param name="local">This silo.</param>
/// <param name="localRole">This silo's role.</param>
/// <param name="metadata">The cluster's silo metadata, cached by Orleans.</param>
public sealed class SiloRoles(ILocalSiloDetails local, SiloRole localRole, ISiloMetadataCache metadata) : ISiloRoles
{
    /// <summary>The silo metadata key under which a silo publishes its role.</summary>
    public const string MetadataKey = "pictor.role";

    /// <inheritdoc/>
    public SiloRole LocalRole => localRole;

    /// <inheritdoc/>
    public SiloRole? GetRole(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Equals(local.SiloAddress))
        {
            return localRole;
        }

        return metadata.GetSiloMetadata(silo).Metadata.TryGetValue(MetadataKey, out string? text) && TryParse(text, out var role)
            ? role
            : null;
    }

    /// <inheritdoc/>
    public bool IsCore(SiloAddress silo) => GetRole(silo) is SiloRole.Core or SiloRole.All;

    /// <inheritdoc/>
    public bool IsWorker(SiloAddress silo) => GetRole(silo) is SiloRole.Worker or SiloRole.All;

    /// <summary>Parses <c>core</c>, <c>worker</c> or <c>all</c> (any case).</summary>
    /// <param name="text">The text.</param>
    /// <param name="role">The role.</param>
    /// <returns>Whether the text names a role.</returns>
    public static bool TryParse(string? text, out SiloRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    /// <summary>The text a role is published as.</summary>
    /// <param name="role">The role.</param>
    /// <returns><c>core</c>, <c>worker</c> or <c>all</c>.</returns>
    public static string Format(SiloRole role) => role.ToString().ToLowerInvariant();
}
