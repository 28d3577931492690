using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pictor.Failover.Tests.Processes;

/// <summary>A <c>pictor</c> command running in its own process, as an operator starts it: lines it prints, signals, exit.</summary>
/// <remarks>
/// Runs the <c>pictor.dll</c> built beside the tests through the <c>dotnet</c> host that runs the tests, so the
/// process is the command itself: <see cref="Kill"/> is a <c>kill -9</c> of the silo, not of a wrapper.
/// </remarks>
internal sealed class PictorProcess : IAsyncDisposable
{
    private const string ErrorPrefix = "stderr: ";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _printed = new(0);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PictorProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>What the test calls this process in its messages.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything printed so far, standard output and error interleaved as read.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>What the process printed on standard output alone, one line per line.</summary>
    public string StandardOutput => string.Join('\n', _lines.Where(l => !l.StartsWith(ErrorPrefix, StringComparison.Ordinal)));

    /// <summary>Runs <c>pictor ARGS</c> to its end, as an operator runs a one-shot command, and returns its exit code and output.</summary>
    /// <exception cref="TimeoutException">It still ran after <paramref name="deadline"/> (it is killed).</exception>
    public static async Task<(int ExitCode, string Output, string All)> RunAsync(TimeSpan deadline, params string[] arguments)
    {
        await using var process = Start($"pictor {arguments[0]}", new Dictionary<string, string>(), arguments);
        int exit = await process.WaitForExitAsync(deadline);
        return (exit, process.StandardOutput, process.Output);
    }

    /// <summary>Starts <c>pictor ARGS</c> with extra environment variables (<c>PICTOR_…</c> settings).</summary>
    public static PictorProcess Start(string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        string pictor = Path.Combine(AppContext.BaseDirectory, "pictor.dll");
        if (!File.Exists(pictor))
        {
            throw new FileNotFoundException("pictor.dll is not beside the tests; the test project references src/Pictor.Cli.", pictor);
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(pictor);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var result = new PictorProcess(name, process);
        int open = 2;
        void OnLine(string? line, string stream)
        {
            if (line is null)
            {
                if (Interlocked.Decrement(ref open) == 0)
                {
                    result._outputClosed.TrySetResult();
                }

                result._printed.Release();
                return;
            }

            result._lines.Enqueue(stream.Length == 0 ? line : $"{stream}{line}");
            result._printed.Release();
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data, string.Empty);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ErrorPrefix);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {name}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits until the process prints a line starting with <paramref name="prefix"/> and returns it.</summary>
    /// <exception cref="TimeoutException">The deadline passed, or the process ended without printing it.</exception>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (_outputClosed.Task.IsCompleted)
            {
                throw new TimeoutException($"{Name} ended without printing '{prefix}':\n{Output}");
            }

            try
            {
                await _printed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not print '{prefix}' within {deadline}:\n{Output}");
            }
        }
    }

    /// <summary>Ends the process at once with SIGKILL, as a power cut or the OOM killer would: no shutdown code runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends SIGTERM, the signal service managers and <c>docker stop</c> use for an orderly stop.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(
            new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            })
            ?? throw new InvalidOperationException("could not run kill");
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end and for everything it printed to be read; returns its exit code.</summary>
    /// <exception cref="TimeoutException">It is still running at the deadline.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _outputClosed.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} still runs after {deadline}:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        _printed.Dispose();
    }

    private static string DotnetHost()
    {
        // The dotnet CLI tells the processes it starts where its host is; a test runner without it finds dotnet on PATH.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
