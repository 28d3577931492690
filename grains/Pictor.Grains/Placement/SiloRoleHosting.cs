using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Pictor.Grains.Placement;

/// <summary>Publishes a silo's role in Orleans silo metadata and registers <see cref="ISiloRoles"/>.</summary>
public static class SiloRoleHosting
{
    /// <summary>Publishes <paramref name="role"/> under <see cref="SiloRoles.MetadataKey"/> and registers <see cref="ISiloRoles"/>.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="role">This silo's role.</param>
    /// <returns>The silo builder.</returns>
    /// <remarks>Which grain classes a role hosts is decided by the host (Pictor.Silo), not here.</remarks>
    public static ISiloBuilder AddPictorSiloRole(this ISiloBuilder silo, SiloRole role)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseSiloMetadata(new Dictionary<string, string> { [SiloRoles.MetadataKey] = SiloRoles.Format(role) });
        silo.Services.AddSingleton<ISiloRoles>(sp => new SiloRoles(
            sp.GetRequiredService<ILocalSiloDetails>(), role, sp.GetRequiredService<ISiloMetadataCache>()));
        return silo;
    }
}
