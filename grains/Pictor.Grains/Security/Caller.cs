using Pictor.Contracts.Security;

namespace Pictor.Grains.Security;

/// <summary>Who made a grain call, as the callee's <see cref="CallerGuard"/> classified it.</summary>
/// <param name="Kind">One of <see cref="Callers.Core"/>, <see cref="Callers.Operator"/>, <see cref="Callers.WorkerSilos"/>,
/// or <see cref="Callers.None"/> for a caller the guard does not recognise.</param>
/// <param name="Silo">The calling silo, when the call came from a silo's own services (its hosted client).</param>
/// <param name="Source">The calling grain or client, if the message named one.</param>
/// <param name="RoleUnknown">
/// The call came from a silo whose role this silo has not learnt yet (its metadata arrives shortly after it joins);
/// it is counted as a worker silo meanwhile.
/// </param>
public readonly record struct Caller(Callers Kind, SiloAddress? Silo, GrainId? Source, bool RoleUnknown = false)
{
    /// <summary>A call made inside this silo outside any grain call (tests, the embedded host before the guard runs).</summary>
    public static Caller Unchecked => new(Callers.None, null, null);

    /// <summary>Words for logs and refusals: the kind and where the call came from.</summary>
    /// <returns>For example <c>a worker silo (S10.0.0.5:11111:0)</c>.</returns>
    public string Describe()
    {
        string kind = Kind switch
        {
            Callers.Core => "the core",
            Callers.Operator => "an Orleans client",
            Callers.WorkerSilos => Silo is null ? "a grain hosted on worker silos" : "a worker silo",
            _ => "an unrecognised caller",
        };
        string? from = Silo?.ToString() ?? Source?.ToString();
        return from is null ? kind : $"{kind} ({from})";
    }
}
