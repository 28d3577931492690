namespace Pictor.Grains;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Durable grain state: jobs, tiles, frames, workers, ledger.</summary>
    public const string Grid = "pictor";

    /// <summary>Stream pub-sub state, required by Orleans streams.</summary>
    public const string PubSub = "PubSubStore";
}
