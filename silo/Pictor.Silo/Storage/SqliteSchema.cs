using Microsoft.Data.Sqlite;

namespace Pictor.Silo.Storage;

/// <summary>Creates or upgrades the embedded grid's SQLite database; safe to run on every start.</summary>
public static class SqliteSchema
{
    /// <summary>The ADO.NET invariant under which the Orleans provider finds Microsoft.Data.Sqlite.</summary>
    public const string Invariant = "System.Data.SQLite";

    /// <summary>Applies the schema and the provider's queries to the database at <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The database file; it and its directory are created when missing.</param>
    /// <returns>The connection string for the grain storage provider.</returns>
    public static string Ensure(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        string full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = EmbeddedScripts.Read("sqlite-persistence.sql");
        command.ExecuteNonQuery();
        return connectionString;
    }
}
