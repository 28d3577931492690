using Orleans.Runtime.Messaging;

namespace Pictor.Client;

/// <summary>
/// Retries SDK calls through the cluster's transient faults: a gateway or silo that is gone for a moment (killed,
/// restarting, not yet declared dead), a gateway shedding load, a call that timed out.
/// </summary>
/// <remarks>
/// Only calls that are safe to repeat are retried: reads, and writes the grid makes idempotent (a submit of the same
/// spec returns the existing job, a cancel of an ended job changes nothing, a scene chunk is keyed by its index). A
/// refusal that says something about the request (an invalid spec, a refused caller) is never retried.
/// </remarks>
public static class TransientFaults
{
    /// <summary>Whether a failure is one of the cluster's passing faults rather than an answer to the request.</summary>
    /// <param name="error">The failure.</param>
    /// <returns>True for lost connections, unavailable silos, rejected or timed-out messages.</returns>
    public static bool IsTransient(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException
                or GatewayTooBusyException or TimeoutException)
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Calls <paramref name="call"/> until it answers, a non-transient failure, or the window closes.</summary>
    /// <typeparam name="T">The answer.</typeparam>
    /// <param name="call">The call; repeated as is.</param>
    /// <param name="window">How long transient faults are retried, from the first failure.</param>
    /// <param name="onRetry">Told of each retried fault (for a progress line); may be null.</param>
    /// <param name="cancellationToken">Stops the retries.</param>
    /// <returns>The call's answer.</returns>
    public static async Task<T> RetryAsync<T>(
        Func<Task<T>> call, TimeSpan window, Action<Exception>? onRetry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        DateTimeOffset? firstFailure = null;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                firstFailure ??= DateTimeOffset.UtcNow;
                if (DateTimeOffset.UtcNow - firstFailure >= window)
                {
                    throw;
                }

                onRetry?.Invoke(ex);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The pause before the next try: 200 ms doubling, at most 2 s.</summary>
    /// <param name="attempt">Tries so far (1 or more).</param>
    /// <returns>The pause.</returns>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2_000, 200 * Math.Pow(2, Math.Clamp(attempt - 1, 0, 10))));
}
