using Pictor.Contracts.Workers;

namespace Pictor.Grains.Workers;

/// <summary>Keeps the ids of all workers, so operators and the CLI can list them.</summary>
public sealed class WorkerRegistryGrain(
    [PersistentState("registry", StorageNames.Grid)] IPersistentState<WorkerRegistryState> state) : Grain, IWorkerRegistryGrain
{
    async Task IWorkerRegistryGrain.AddAsync(string workerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        if (state.State.WorkerIds.Add(workerId))
        {
            await state.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<string>> IWorkerRegistryGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.WorkerIds]);
}
