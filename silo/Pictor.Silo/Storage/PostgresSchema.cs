using Npgsql;

namespace Pictor.Silo.Storage;

/// <summary>Creates or upgrades a cluster's PostgreSQL database: membership, grain storage, reminders and the providers' queries.</summary>
/// <remarks>
/// Every script is idempotent. They run in one transaction under a transaction-scoped advisory lock, so several
/// silos starting at once (and <c>pictor db init</c>) apply them one after another instead of racing on
/// <c>CREATE TABLE IF NOT EXISTS</c>, which PostgreSQL does not make safe under concurrency.
/// </remarks>
public static class PostgresSchema
{
    /// <summary>The ADO.NET invariant under which the Orleans providers load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The advisory lock key the schema is applied under (ASCII "pictorgr").</summary>
    public const long AdvisoryLockKey = 0x70696374_6F726772;

    /// <summary>The embedded scripts, in the order they are applied.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
    [
        "postgresql-main.sql",
        "postgresql-clustering.sql",
        "postgresql-persistence.sql",
        "postgresql-reminders.sql",
    ];

    /// <summary>Applies every script to the database of <paramref name="connection"/>.</summary>
    /// <param name="connection">An open or closed connection; it is opened if needed and left open.</param>
    /// <param name="cancellationToken">Aborts the work (the transaction rolls back).</param>
    /// <returns>A task that completes when the schema is in place.</returns>
    public static async Task EnsureAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (string script in Scripts)
        {
            await using var command = new NpgsqlCommand(EmbeddedScripts.Read(script), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        const string Record = "INSERT INTO grid_schema (script) SELECT unnest(@scripts) ON CONFLICT DO NOTHING";
        await using (var record = new NpgsqlCommand(Record, connection, transaction))
        {
            record.Parameters.AddWithValue("scripts", Scripts.ToArray());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies every script, synchronously.</summary>
    /// <param name="connection">An open or closed connection; it is opened if needed and left open.</param>
    public static void Ensure(NpgsqlConnection connection) => EnsureAsync(connection).GetAwaiter().GetResult();

    /// <summary>Opens a connection to <paramref name="connectionString"/> and applies every script.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="cancellationToken">Aborts the work.</param>
    /// <returns>A task that completes when the schema is in place.</returns>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await EnsureAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}
