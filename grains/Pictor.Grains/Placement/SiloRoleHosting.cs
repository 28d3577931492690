using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Pictor.Contracts.Silos;

namespace Pictor.Grains.Placement;

/// <summary>Publishes a silo's role in Orleans silo metadata and registers <see cref="ISiloRoles"/>.</summary>
public static class SiloRoleHosting
{
    /// <summary>
    /// Publishes <paramref name="role"/> under <see cref="SiloRoleNames.MetadataKey"/> and registers
    /// <see cref="ISiloRoles"/>.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="role">This silo's role.</param>
    /// <returns>The silo builder.</returns>
    /// <remarks>
    /// Which grain classes a role hosts is decided by the host (Pictor.Silo, from <see cref="Security.WorkerHostedGrains"/>).
    /// </remarks>
    public static ISiloBuilder AddPictorSiloRole(this ISiloBuilder silo, SiloRole role)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseSiloMetadata(new Dictionary<string, string> { [SiloRoleNames.MetadataKey] = SiloRoleNames.Format(role) });
        silo.Services.AddSingleton<ISiloRoles>(sp => new SiloRoles(
            sp.GetRequiredService<ILocalSiloDetails>(), role, sp.GetRequiredService<ISiloMetadataCache>()));
        return silo;
    }
}
