namespace Pictor.Grains.Devices;

/// <summary>A slot leased from a <see cref="LocalDevicePool"/>; disposing it returns the slot.</summary>
public sealed class DeviceLease : IDisposable
{
    private readonly DeviceThread _thread;
    private Action<WorkerSlot>? _return;

    internal DeviceLease(WorkerSlot slot, DeviceThread thread, Action<WorkerSlot> giveBack)
    {
        Slot = slot;
        _thread = thread;
        _return = giveBack;
    }

    /// <summary>The leased slot.</summary>
    public WorkerSlot Slot { get; }

    /// <summary>Runs synchronous device work on the slot's own thread, never on the thread pool.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="work">The render.</param>
    /// <returns>Its result.</returns>
    public Task<T> RunAsync<T>(Func<T> work) => _thread.RunAsync(work);

    /// <inheritdoc/>
    public void Dispose()
    {
        Interlocked.Exchange(ref _return, null)?.Invoke(Slot);
    }
}
