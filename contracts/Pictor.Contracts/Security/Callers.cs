namespace Pictor.Contracts.Security;

/// <summary>The kinds of caller a grain method may be called by; checked at the callee by the silo's caller guard.</summary>
/// <remarks>
/// The guard tells the kinds apart by where a call comes from: a grain class that only core silos host, a core or
/// worker silo's own services (its hosted client), a grain hosted on a worker silo, or an Orleans client. Orleans
/// clients are the operator's tools: strangers (creators and workers) reach the grid through the public edge API,
/// never as Orleans clients. See docs/trust-model.md.
/// </remarks>
[Flags]
public enum Callers
{
    /// <summary>Nobody: the method is refused to every caller.</summary>
    None = 0,

    /// <summary>The core's own grains (jobs, ledger, settlement…) and the services of core silos.</summary>
    Core = 1,

    /// <summary>Orleans clients: the operator's CLI and SDK connections, admitted with an operator certificate.</summary>
    Operator = 2,

    /// <summary>Worker silos: their own services (registration, capacity reports) and the grains they host (units).</summary>
    WorkerSilos = 4,

    /// <summary>Every caller: read-only views that reveal nothing private.</summary>
    Anyone = Core | Operator | WorkerSilos,
}
