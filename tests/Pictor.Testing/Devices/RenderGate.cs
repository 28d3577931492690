namespace Pictor.Testing.Devices;

/// <summary>A gate that renders pass through: open, closed, or open for a counted number of renders.</summary>
/// <remarks>
/// Lets a test hold a job provably mid-run without sleeping: close it, let <c>n</c> renders through, wait (with
/// <see cref="Eventually"/>) until the device reports renders waiting at the gate, act, then open it.
/// </remarks>
public sealed class RenderGate
{
    private readonly object _lock = new();
    private bool _open;
    private long _permits;
    private int _waiting;
    private int _entered;
    private int _passed;

    /// <summary>Creates a gate, open or closed.</summary>
    public RenderGate(bool open = true) => _open = open;

    /// <summary>Renders blocked at the gate now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Renders that reached the gate so far.</summary>
    public int Entered => Volatile.Read(ref _entered);

    /// <summary>Renders that passed the gate so far.</summary>
    public int Passed => Volatile.Read(ref _passed);

    /// <summary>Lets every render through until <see cref="Close"/>.</summary>
    public void Open()
    {
        lock (_lock)
        {
            _open = true;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Stops renders at the gate (renders already past it go on).</summary>
    public void Close()
    {
        lock (_lock)
        {
            _open = false;
            _permits = 0;
        }
    }

    /// <summary>Lets <paramref name="renders"/> more renders through a closed gate.</summary>
    public void Allow(int renders)
    {
        lock (_lock)
        {
            _permits += renders;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Blocks the calling (device) thread until the gate lets it through.</summary>
    public void Pass()
    {
        lock (_lock)
        {
            _entered++;
            _waiting++;
            while (!_open && _permits == 0)
            {
                Monitor.Wait(_lock);
            }

            if (!_open)
            {
                _permits--;
            }

            _waiting--;
            _passed++;
        }
    }
}
