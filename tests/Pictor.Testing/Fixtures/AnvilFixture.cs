using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Pictor.Testing;

/// <summary>One local anvil chain for the integration tests, started from the binary that npm installed.</summary>
/// <remarks>
/// The binary is started directly: killing an <c>npx anvil</c> wrapper leaves anvil running. Every
/// process started here is killed on dispose, and on process exit should dispose never run.
/// </remarks>
public sealed class AnvilFixture : IAsyncLifetime
{
    /// <summary>Anvil's first well-known development key (account 0, funded with 10 000 ETH).</summary>
    public const string DeployerKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Anvil's second well-known development key (account 1).</summary>
    public const string OutsiderKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan NpmDeadline = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly StringBuilder _output = new();
    private Process? _anvil;

    /// <summary>JSON-RPC endpoint of the running chain.</summary>
    public string RpcUrl { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var tokenDirectory = FindTokenDirectory();
        var anvilPath = Path.Combine(
            tokenDirectory, "node_modules", "@foundry-rs", AnvilPackage(), "bin", OperatingSystem.IsWindows() ? "anvil.exe" : "anvil");
        if (!File.Exists(anvilPath))
        {
            await RunNpmCiAsync(tokenDirectory);
        }

        if (!File.Exists(anvilPath))
        {
            throw new InvalidOperationException($"npm ci did not install anvil at {anvilPath}.");
        }

        var port = FreeTcpPort();
        RpcUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(anvilPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        _anvil = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start.");
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        _anvil.StandardInput.Close();
        // Drained continuously: a full pipe would block anvil.
        _anvil.OutputDataReceived += Capture;
        _anvil.ErrorDataReceived += Capture;
        _anvil.BeginOutputReadLine();
        _anvil.BeginErrorReadLine();

        await WaitUntilAnsweringAsync();
    }

    /// <summary>Asks anvil to mine one empty block.</summary>
    /// <returns>A task that completes once the block is mined.</returns>
    public async Task MineBlockAsync() => await CallAsync("evm_mine");

    /// <summary>Turns mining per transaction on or off; off, transactions wait in the pool for <see cref="MineBlockAsync"/>.</summary>
    /// <param name="enabled">Whether each transaction is mined at once.</param>
    /// <returns>A task that completes once anvil applied the setting.</returns>
    public async Task SetAutomineAsync(bool enabled) => await CallAsync("evm_setAutomine", enabled);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (_anvil is { } anvil)
        {
            if (!anvil.HasExited)
            {
                anvil.Kill(entireProcessTree: true);
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await anvil.WaitForExitAsync(deadline.Token);
            anvil.Dispose();
        }

        _http.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_anvil!.HasExited)
            {
                throw new InvalidOperationException($"anvil exited with {_anvil.ExitCode} before answering:\n{Captured()}");
            }

            try
            {
                await CallAsync("eth_chainId");
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < StartDeadline)
            {
                // Not listening yet: poll again shortly.
            }
            catch (HttpRequestException exception)
            {
                throw new TimeoutException($"anvil did not answer JSON-RPC at {RpcUrl} within {StartDeadline}:\n{Captured()}", exception);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private async Task<JsonElement> CallAsync(string method, params object[] parameters)
    {
        var request = new { jsonrpc = "2.0", id = 1, method, @params = parameters };
        using var response = await _http.PostAsJsonAsync(RpcUrl, request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.TryGetProperty("result", out var result)
            ? result.Clone()
            : throw new InvalidOperationException($"{method} failed: {document.RootElement}");
    }

    private static async Task RunNpmCiAsync(string tokenDirectory)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = tokenDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        npm.StandardInput.Close();
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(NpmDeadline);
        try
        {
            await npm.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci in {tokenDirectory} took longer than {NpmDeadline}.");
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {tokenDirectory} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static string FindTokenDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "contracts", "token");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No contracts/token above {AppContext.BaseDirectory}.");
    }

    /// <summary>The platform package of <c>@foundry-rs/anvil</c> that npm installs on this machine.</summary>
    private static string AnvilPackage()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : null;
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        return os is null || arch is null
            ? throw new PlatformNotSupportedException($"No anvil package for {RuntimeInformation.RuntimeIdentifier}.")
            : $"anvil-{os}-{arch}";
    }

    private static int FreeTcpPort()
    {
        // The port is free now; anvil binds it a moment later. A clash fails fast in WaitUntilAnsweringAsync.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Capture(object sender, DataReceivedEventArgs line)
    {
        if (line.Data is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only; anvil logs every call.
            if (_output.Length > 64 * 1024)
            {
                _output.Remove(0, _output.Length / 2);
            }

            _output.AppendLine(line.Data);
        }
    }

    private string Captured()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (_anvil is { HasExited: false } anvil)
            {
                anvil.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
