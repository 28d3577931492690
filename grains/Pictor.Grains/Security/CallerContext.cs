namespace Pictor.Grains.Security;

/// <summary>The caller of the grain call being served, for grains that check more than the caller's kind.</summary>
/// <remarks>
/// Set by <see cref="CallerGuard"/> around the call; it flows with the call's own async continuations only, so an
/// interleaved call on the same activation sees its own caller. Outside a guarded call it is null.
/// </remarks>
public static class CallerContext
{
    private static readonly AsyncLocal<Caller?> Value = new();

    /// <summary>The caller of the call being served, or null outside a guarded call.</summary>
    public static Caller? Current
    {
        get => Value.Value;
        internal set => Value.Value = value;
    }

    /// <summary>
    /// Refuses a worker silo acting for another silo: when the current caller is a worker silo's own service, the
    /// silo it acts for must be itself.
    /// </summary>
    /// <param name="siloAddress">The silo the call acts for, as <c>SiloAddress.ToParsableString()</c>.</param>
    /// <param name="what">What the call does, for the refusal.</param>
    /// <exception cref="UnauthorizedAccessException">A worker silo acts for another silo.</exception>
    public static void DemandSelfForWorkerSilo(string siloAddress, string what)
    {
        if (Current is { Kind: Contracts.Security.Callers.WorkerSilos } caller
            && (caller.Silo is null || caller.Silo.ToParsableString() != siloAddress))
        {
            throw new UnauthorizedAccessException(
                $"refused: {caller.Describe()} may {what} only for itself, not for silo {siloAddress}");
        }
    }

    /// <summary>Refuses every caller but one grain: the call must come from the grain keyed <paramref name="key"/>.</summary>
    /// <param name="key">The caller's expected primary key (a frame's job id, say).</param>
    /// <param name="what">What the call does, for the refusal.</param>
    /// <exception cref="UnauthorizedAccessException">Another grain, a client or an unguarded path called.</exception>
    public static void DemandGrainKeyed(string key, string what)
    {
        if (Current is not { Source: { } source } caller || source.IsClient() || source.Key.ToString() != key)
        {
            string who = Current?.Describe() ?? "an unguarded path";
            throw new UnauthorizedAccessException($"refused: only {key} may {what}; this call came from {who}");
        }
    }
}
