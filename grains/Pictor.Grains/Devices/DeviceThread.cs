using System.Collections.Concurrent;

namespace Pictor.Grains.Devices;

/// <summary>One dedicated thread per device slot that runs its renders.</summary>
/// <remarks>
/// A render is long, synchronous CPU or GPU work. On the thread pool it starves Orleans: on a 2-core host two
/// renders hold both pool threads and the silo's own work (messages, the job loop, timers) waits for the pool to
/// grow, which stalled the silo for over a second and left devices idle between tiles. A slot renders one unit at
/// a time, so one thread per slot is all it needs; the operating system shares the cores between it and the silo.
/// </remarks>
internal sealed class DeviceThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];

    /// <summary>Starts the thread.</summary>
    /// <param name="name">The thread's name, for debuggers and dumps.</param>
    public DeviceThread(string name)
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on this thread.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="work">The synchronous work.</param>
    /// <returns>Its result or exception; continuations do not run on this thread.</returns>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _work.Add(() =>
            {
                try
                {
                    completion.SetResult(work());
                }
                catch (Exception ex)
                {
                    completion.SetException(ex);
                }
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            completion.SetException(new ObjectDisposedException(nameof(DeviceThread), "The device pool is shutting down."));
        }

        return completion.Task;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _work.CompleteAdding();
    }

    private void Loop()
    {
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }

        _work.Dispose();
    }
}
