using System.Threading.Channels;

namespace Pictor.Grains.Devices;

/// <summary>Hands this silo's device slots to tile grains, one tile per slot at a time, first come first served.</summary>
public sealed class LocalDevicePool : ILocalDevicePool
{
    private readonly Channel<WorkerSlot> _free = Channel.CreateUnbounded<WorkerSlot>();

    /// <summary>Creates a pool over the given slots.</summary>
    /// <param name="slots">The slots; the pool does not own their devices.</param>
    /// <param name="wallet">The owner wallet of the slots.</param>
    public LocalDevicePool(IReadOnlyList<WorkerSlot> slots, string wallet)
    {
        ArgumentNullException.ThrowIfNull(slots);
        Slots = slots;
        Wallet = wallet ?? string.Empty;
        foreach (var slot in slots)
        {
            _free.Writer.TryWrite(slot);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<WorkerSlot> Slots { get; }

    /// <inheritdoc/>
    public string Wallet { get; }

    /// <inheritdoc/>
    public async ValueTask<DeviceLease> LeaseAsync(CancellationToken cancellationToken)
    {
        if (Slots.Count == 0)
        {
            throw new InvalidOperationException("This silo has no render devices.");
        }

        var slot = await _free.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new DeviceLease(slot, s => _free.Writer.TryWrite(s));
    }
}
