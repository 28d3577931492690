namespace Pictor.Grains.Workers;

/// <summary>Persisted state of the worker registry.</summary>
[GenerateSerializer, Alias("pictor.WorkerRegistryState")]
public sealed class WorkerRegistryState
{
    /// <summary>Every worker id ever registered.</summary>
    [Id(0)]
    public SortedSet<string> WorkerIds { get; set; } = new(StringComparer.Ordinal);
}
