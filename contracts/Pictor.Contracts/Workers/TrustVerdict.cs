namespace Pictor.Contracts.Workers;

/// <summary>The outcome of checking one of a worker's results.</summary>
[GenerateSerializer, Alias("pictor.TrustVerdict")]
public enum TrustVerdict
{
    /// <summary>The result agreed with an independent render.</summary>
    Valid = 0,

    /// <summary>The result was found wrong (outvoted by two independent renders).</summary>
    Invalid = 1,
}
