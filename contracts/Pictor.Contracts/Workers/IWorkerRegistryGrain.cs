using Pictor.Contracts.Security;

namespace Pictor.Contracts.Workers;

/// <summary>The list of every worker id ever registered; key <see cref="DefaultKey"/>.</summary>
[Alias("pictor.IWorkerRegistryGrain")]
public interface IWorkerRegistryGrain : IGrainWithStringKey
{
    /// <summary>The key of the grid's registry.</summary>
    const string DefaultKey = "default";

    /// <summary>Adds a worker id; adding it again is a no-op.</summary>
    /// <param name="workerId">The worker id.</param>
    /// <returns>A task that completes when durable.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Add")]
    Task AddAsync(string workerId);

    /// <summary>Lists the worker ids.</summary>
    /// <returns>The ids, sorted.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();
}
