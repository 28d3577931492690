namespace Pictor.Testing.Cluster;

/// <summary>Where a test grid keeps grain state and reminders.</summary>
public enum GridStorage
{
    /// <summary>One SQLite file shared by the cluster's silos (the embedded grid's storage), in-memory reminders.</summary>
    Sqlite,

    /// <summary>Grain state and reminders on a PostgreSQL database (the cluster mode's storage); membership stays the
    /// test cluster's.</summary>
    Postgres,
}
