namespace Pictor.Grains.Devices;

/// <summary>The render devices of this silo, leased to tile grains one tile at a time.</summary>
public interface ILocalDevicePool
{
    /// <summary>The slots of this silo, eligible or not.</summary>
    IReadOnlyList<WorkerSlot> Slots { get; }

    /// <summary>The owner wallet of this silo's workers, empty when none.</summary>
    string Wallet { get; }

    /// <summary>Tiles waiting for a slot.</summary>
    int Queued { get; }

    /// <summary>Whether a slot is leased now.</summary>
    /// <param name="workerId">The slot's worker id.</param>
    /// <returns>True while it renders.</returns>
    bool IsBusy(string workerId);

    /// <summary>Waits for a free eligible slot that is not excluded, and leases it.</summary>
    /// <param name="excludedWorkers">Workers that must not take this tile; may be null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lease; dispose it to give the slot back.</returns>
    /// <exception cref="NoEligibleSlotException">No slot of this silo may ever take the tile.</exception>
    ValueTask<DeviceLease> LeaseAsync(IReadOnlyCollection<string>? excludedWorkers, CancellationToken cancellationToken);
}
