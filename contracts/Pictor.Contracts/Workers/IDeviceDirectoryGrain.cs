using Pictor.Contracts.Security;

namespace Pictor.Contracts.Workers;

/// <summary>Soft state of the grid's render capacity: each silo's latest report; key <see cref="DefaultKey"/>.</summary>
/// <remarks>
/// Not persisted: silos report every fraction of a second, so a new activation is complete again at once.
/// A silo whose reports stop is dropped, and its workers are marked offline.
/// </remarks>
[Alias("pictor.IDeviceDirectoryGrain")]
public interface IDeviceDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The key of the grid's directory.</summary>
    const string DefaultKey = "default";

    /// <summary>Records a silo's report.</summary>
    /// <param name="capacity">The report.</param>
    /// <returns>A task that completes when recorded.</returns>
    [CallableBy(Callers.Core | Callers.WorkerSilos)]
    [Alias("Report")]
    Task ReportAsync(SiloCapacity capacity);

    /// <summary>Removes a silo that is stopping, and marks its workers offline.</summary>
    /// <param name="siloAddress">The silo.</param>
    /// <returns>A task that completes when removed.</returns>
    [CallableBy(Callers.Core | Callers.Operator | Callers.WorkerSilos)]
    [Alias("Remove")]
    Task RemoveAsync(string siloAddress);

    /// <summary>Returns the live silos' latest reports.</summary>
    /// <returns>The reports.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("Snapshot")]
    Task<IReadOnlyList<SiloCapacity>> GetSnapshotAsync();
}
