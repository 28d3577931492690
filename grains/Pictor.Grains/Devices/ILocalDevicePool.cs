namespace Pictor.Grains.Devices;

/// <summary>The render devices of this silo, leased to tile grains one tile at a time.</summary>
public interface ILocalDevicePool
{
    /// <summary>The slots of this silo.</summary>
    IReadOnlyList<WorkerSlot> Slots { get; }

    /// <summary>The owner wallet of this silo's workers, empty when none.</summary>
    string Wallet { get; }

    /// <summary>Waits for a free slot and leases it.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lease; dispose it to give the slot back.</returns>
    /// <exception cref="InvalidOperationException">This silo has no devices.</exception>
    ValueTask<DeviceLease> LeaseAsync(CancellationToken cancellationToken);
}
