using System.CommandLine;
using Npgsql;
using Pictor.Silo.Storage;

namespace Pictor.Cli.Commands;

/// <summary>
/// <c>pictor db init --cluster CONN</c>: applies the cluster schema to PostgreSQL (idempotent; silos also do it on
/// start).
/// </summary>
internal static class DbCommand
{
    public static Command Create(CliConsole console)
    {
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Npgsql connection string of the cluster's database (default: Silo:Cluster).",
        };
        var init = new Command("init", "Create or upgrade the cluster's tables and the Orleans providers' queries; safe to repeat and to " +
            "run beside starting silos.")
        {
            cluster,
        };
        init.SetAction(async (parse, cancellationToken) =>
        {
            string? connection = parse.GetValue(cluster) ?? CliConfiguration.SiloOptions(CliConfiguration.Load()).Cluster;
            if (string.IsNullOrWhiteSpace(connection))
            {
                await console.Error.WriteLineAsync("error: give the database with --cluster \"Host=…;Database=…;Username=…\" " +
                    "(or Silo:Cluster)");
                return ExitCodes.BadInput;
            }

            try
            {
                await PostgresSchema.EnsureAsync(connection, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
            {
                await console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Failed;
            }

            var database = new NpgsqlConnectionStringBuilder(connection);
            await console.Out.WriteLineAsync($"db: schema applied to {database.Database} on {database.Host}:{database.Port} " +
                $"({string.Join(", ", PostgresSchema.Scripts)})");
            return ExitCodes.Ok;
        });
        return new Command("db", "Manage the cluster's PostgreSQL database.") { init };
    }
}
