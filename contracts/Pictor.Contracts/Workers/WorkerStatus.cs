namespace Pictor.Contracts.Workers;

/// <summary>Whether a worker may receive work.</summary>
[GenerateSerializer, Alias("pictor.WorkerStatus")]
public enum WorkerStatus
{
    /// <summary>Never registered.</summary>
    Unknown = 0,

    /// <summary>Registered and idle.</summary>
    Online = 1,

    /// <summary>Rendering.</summary>
    Busy = 2,

    /// <summary>Its silo is gone or it stopped.</summary>
    Offline = 3,

    /// <summary>Below the network's minimum spec: registered, never given work.</summary>
    BelowSpec = 4,

    /// <summary>Excluded after invalid results.</summary>
    Quarantined = 5,
}
