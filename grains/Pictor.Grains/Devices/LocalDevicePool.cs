namespace Pictor.Grains.Devices;

/// <summary>Hands this silo's eligible slots to tile grains, one tile per slot at a time, first come first served.</summary>
/// <remarks>A faster slot frees sooner and so takes more tiles: within a silo, work follows speed by itself.</remarks>
public sealed class LocalDevicePool : ILocalDevicePool, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<WorkerSlot> _free = [];
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly LinkedList<Waiter> _waiters = [];
    private readonly Dictionary<string, DeviceThread> _threads = new(StringComparer.Ordinal);

    /// <summary>Creates a pool over the given slots; only eligible slots are ever leased.</summary>
    /// <param name="slots">The slots; the pool does not own their devices.</param>
    /// <param name="wallet">The owner wallet of the slots.</param>
    public LocalDevicePool(IReadOnlyList<WorkerSlot> slots, string wallet)
    {
        ArgumentNullException.ThrowIfNull(slots);
        Slots = slots;
        Wallet = wallet ?? string.Empty;
        _free.AddRange(slots.Where(s => s.Eligible));
        foreach (var slot in _free)
        {
            _threads[slot.WorkerId] = new DeviceThread($"pictor-render {slot.WorkerId}");
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<WorkerSlot> Slots { get; }

    /// <inheritdoc/>
    public string Wallet { get; }

    /// <inheritdoc/>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <inheritdoc/>
    public bool IsBusy(string workerId)
    {
        lock (_gate)
        {
            return _busy.Contains(workerId);
        }
    }

    /// <inheritdoc/>
    public ValueTask<DeviceLease> LeaseAsync(IReadOnlyCollection<string>? excludedWorkers, CancellationToken cancellationToken)
    {
        var excluded = excludedWorkers ?? [];
        if (!Slots.Any(s => s.Eligible && !excluded.Contains(s.WorkerId)))
        {
            throw new NoEligibleSlotException(Slots.Count == 0
                ? "this silo has no render devices"
                : $"no eligible slot on this silo may take the tile ({Slots.Count(s => s.Eligible)} eligible: " +
                    $"{string.Join(", ", Slots.Where(s => s.Eligible).Select(s => s.WorkerId))}; excluded: {string.Join(", ", excluded)})");
        }

        lock (_gate)
        {
            int index = _free.FindIndex(s => !excluded.Contains(s.WorkerId));
            if (index >= 0)
            {
                return ValueTask.FromResult(Take(index));
            }

            var waiter = new Waiter(excluded);
            var node = _waiters.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.Register(() =>
                {
                    lock (_gate)
                    {
                        if (node.List is not null)
                        {
                            _waiters.Remove(node);
                        }
                    }

                    waiter.Completion.TrySetCanceled(cancellationToken);
                });
            }

            return new ValueTask<DeviceLease>(waiter.Completion.Task);
        }
    }

    /// <summary>Stops the slots' render threads once their current work is done.</summary>
    public void Dispose()
    {
        foreach (var thread in _threads.Values)
        {
            thread.Dispose();
        }
    }

    private DeviceLease Take(int freeIndex)
    {
        var slot = _free[freeIndex];
        _free.RemoveAt(freeIndex);
        _busy.Add(slot.WorkerId);
        return new DeviceLease(slot, _threads[slot.WorkerId], Return);
    }

    private void Return(WorkerSlot slot)
    {
        lock (_gate)
        {
            _busy.Remove(slot.WorkerId);
            for (var node = _waiters.First; node is not null;)
            {
                var next = node.Next;
                if (!node.Value.Excluded.Contains(slot.WorkerId))
                {
                    _waiters.Remove(node);
                    _busy.Add(slot.WorkerId);
                    if (node.Value.Completion.TrySetResult(new DeviceLease(slot, _threads[slot.WorkerId], Return)))
                    {
                        return;
                    }

                    _busy.Remove(slot.WorkerId);
                }

                node = next;
            }

            _free.Add(slot);
        }
    }

    private sealed record Waiter(IReadOnlyCollection<string> Excluded)
    {
        public TaskCompletionSource<DeviceLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
