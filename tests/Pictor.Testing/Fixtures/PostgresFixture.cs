using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pictor.Testing;

/// <summary>A throwaway PostgreSQL server on a loopback port: initdb into a temp directory, pg_ctl start, stop on dispose.</summary>
/// <remarks>
/// Uses Debian's server binaries (<c>/usr/lib/postgresql/N/bin</c>; <c>.ci/run</c> installs them when missing).
/// PostgreSQL refuses to run as root, so under root the data directory belongs to the <c>postgres</c> user and
/// the binaries run through <c>runuser</c>. fsync is off: the data is thrown away.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    // Under root the server runs as postgres, which must be able to reach the directory: /tmp, not $TMPDIR.
    private readonly string _root = Path.Combine(
        Environment.IsPrivilegedProcess ? "/tmp" : Path.GetTempPath(), $"pictor-pg-{Guid.NewGuid():N}");
    private string _bin = string.Empty;
    private int _databases;

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Connection string of the maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>Connection string of a database on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Timeout = 5,
        CommandTimeout = 30,
    }.ToString();

    /// <summary>Creates an empty database and returns its connection string, so tests do not see each other's data.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = $"pictor_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Makes a new superuser login and returns <paramref name="connectionString"/> with it.</summary>
    public async Task<string> CreateLoginAsync(string connectionString)
    {
        string name = $"login_{Guid.NewGuid().ToString("N")[..12]}";
        await ExecuteAsync($"CREATE ROLE {name} LOGIN SUPERUSER");
        return new NpgsqlConnectionStringBuilder(connectionString) { Username = name }.ToString();
    }

    /// <summary>Fences off every process using a login: no new connections, existing ones terminated.</summary>
    public async Task RevokeLoginAsync(string connectionString)
    {
        string name = new NpgsqlConnectionStringBuilder(connectionString).Username!;
        await ExecuteAsync($"ALTER ROLE {name} NOLOGIN");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{name}'");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(_root);
        string data = Path.Combine(_root, "data");
        bool root = Environment.IsPrivilegedProcess;
        if (root)
        {
            await RunAsync("chown", ["postgres:postgres", _root], asPostgres: false);
        }

        Port = FreePort();
        await RunAsync(
            Path.Combine(_bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
            root);
        string options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c " +
            $"full_page_writes=off -c max_connections=200";
        await RunAsync(
            Path.Combine(_bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"],
            root);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(
                Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"],
                Environment.IsPrivilegedProcess);
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // Only litter in the temp directory.
            }
        }
    }

    private static string FindBinaries()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out int v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin; install them with `apt-get install postgresql` " +
            "(.ci/run does).");
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (string a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
