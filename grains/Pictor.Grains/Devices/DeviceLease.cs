namespace Pictor.Grains.Devices;

/// <summary>A slot leased from a <see cref="LocalDevicePool"/>; disposing it returns the slot.</summary>
public sealed class DeviceLease : IDisposable
{
    private Action<WorkerSlot>? _return;

    internal DeviceLease(WorkerSlot slot, Action<WorkerSlot> giveBack)
    {
        Slot = slot;
        _return = giveBack;
    }

    /// <summary>The leased slot.</summary>
    public WorkerSlot Slot { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Interlocked.Exchange(ref _return, null)?.Invoke(Slot);
    }
}
