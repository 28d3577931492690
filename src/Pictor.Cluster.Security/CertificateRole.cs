namespace Pictor.Cluster.Security;

/// <summary>
/// What a cluster certificate admits its holder as, written by <c>pictor certs</c> as the subject's organisational
/// unit (<c>OU=core</c>, <c>OU=worker</c>, <c>OU=operator</c>) and checked on every TLS link.
/// </summary>
public enum CertificateRole
{
    /// <summary>No role (a certificate made before roles, or by someone else): admitted nowhere.</summary>
    None = 0,

    /// <summary>A core silo: jobs, ledger, gateway; also may run as a worker silo.</summary>
    Core = 1,

    /// <summary>A worker silo: tile work only; never a core silo, never an Orleans client.</summary>
    Worker = 2,

    /// <summary>The operator's Orleans clients (CLI, SDK): gateway connections only, never a silo.</summary>
    Operator = 3,
}
