using Orleans.Runtime.MembershipService.SiloMetadata;
using Pictor.Contracts.Silos;

namespace Pictor.Grains.Placement;

/// <summary>Reads silo roles from this silo's options and the other silos' Orleans metadata.</summary>
/// <param name="local">This silo.</param>
/// <param name="localRole">This silo's role.</param>
/// <param name="metadata">The cluster's silo metadata, cached by Orleans.</param>
public sealed class SiloRoles(ILocalSiloDetails local, SiloRole localRole, ISiloMetadataCache metadata) : ISiloRoles
{
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

        return metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRoleNames.MetadataKey, out string? text)
            && SiloRoleNames.TryParse(text, out var role)
            ? role
            : null;
    }

    /// <inheritdoc/>
    public bool IsCore(SiloAddress silo) => GetRole(silo) is SiloRole.Core or SiloRole.All;

    /// <inheritdoc/>
    public bool IsWorker(SiloAddress silo) => GetRole(silo) is SiloRole.Worker or SiloRole.All;
}
