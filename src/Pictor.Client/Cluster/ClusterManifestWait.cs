using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Scenes;
using Pictor.Contracts.Workers;

namespace Pictor.Client.Cluster;

/// <summary>Waits until a freshly connected client knows which grain classes implement the SDK's interfaces.</summary>
/// <remarks>
/// A client learns the cluster's grain classes from its gateway's manifest a moment after it connects; until then
/// <c>GetGrain</c> throws <see cref="ArgumentException"/> ("Could not find an implementation for interface"). Users
/// should never see that: the connection is handed out only once every interface the SDK calls resolves.
/// </remarks>
internal static class ClusterManifestWait
{
    public static async Task UntilResolvableAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                _ = client.GetGrain<IRenderJobGrain>("manifest-probe");
                _ = client.GetGrain<IFrameGrain>("manifest-probe");
                _ = client.GetGrain<ISceneGrain>("manifest-probe");
                _ = client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
                _ = client.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.DefaultKey);
                _ = client.GetGrain<IWorkerGrain>("manifest-probe");
                return;
            }
            catch (ArgumentException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
