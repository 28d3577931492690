using Orleans.Runtime.Messaging;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>Tells a tile call that failed because its silo could not be reached from one that failed on its own merits.</summary>
/// <remarks>
/// Until the cluster declares a killed silo dead (seconds: membership probes and votes), calls to grains it hosted
/// fail at once with connection errors. Those failures say nothing about the tile or its worker, so they do not use
/// up the tile's attempts: the job retries them within <see cref="GridOptions.SiloLossRetryWindow"/>, and once the silo
/// is declared dead the next call places the tile afresh on a live one.
/// </remarks>
internal static class SiloLoss
{
    /// <summary>Whether <paramref name="error"/> (or an exception inside it) says the tile's silo could not be reached.</summary>
    /// <param name="error">The failed call's exception.</param>
    /// <returns>True for connection failures, calls to an unavailable silo and messages the runtime rejected in transit.</returns>
    public static bool IsUnreachable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException)
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnreachable))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Delay before the next try at a tile whose silo was unreachable <paramref name="tries"/> times: 200 ms doubling,
    /// at most 2 s.
    /// </summary>
    /// <param name="tries">Unreachable failures of the tile so far (1 or more).</param>
    /// <returns>The delay; short, so the tile moves within two seconds of its silo being declared dead.</returns>
    public static TimeSpan RetryDelay(int tries) => TimeSpan.FromMilliseconds(Math.Min(2_000, 200 * Math.Pow(2, Math.Max(0, tries - 1))));
}
