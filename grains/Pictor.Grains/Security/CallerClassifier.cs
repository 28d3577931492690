using Orleans.Metadata;
using Pictor.Contracts.Security;
using Pictor.Contracts.Silos;
using Pictor.Grains.Placement;

namespace Pictor.Grains.Security;

/// <summary>Tells where a grain call comes from: the core, an Orleans client, or a worker silo.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A grain of a class that only core silos host (every Pictor grain class except <see cref="WorkerHostedGrains"/>)
/// is the core; a grain of a worker-hosted class is a worker silo's.</item>
/// <item>A silo's own services call through its hosted client, whose id names the silo: core (or role <c>all</c>)
/// silos are the core, worker silos and silos whose role is not known yet are worker silos.</item>
/// <item>Any other Orleans client is the operator's tool (<see cref="Callers.Operator"/>).</item>
/// <item>Anything else (Orleans' system grains, a message naming no source) is not recognised.</item>
/// </list>
/// The source named in a message is what the sending runtime wrote: this holds against every caller running
/// Pictor's own code, not against a modified binary holding a cluster certificate (see docs/trust-model.md).
/// </remarks>
public sealed class CallerClassifier
{
    private const string HostedClientPrefix = "hosted-";
    private readonly ISiloRoles _roles;
    private readonly HashSet<GrainType> _core;
    private readonly HashSet<GrainType> _workerHosted;

    /// <summary>Reads the grain types of Pictor's grain classes.</summary>
    /// <param name="roles">The silos' roles.</param>
    /// <param name="types">Orleans' class-to-type resolver.</param>
    public CallerClassifier(ISiloRoles roles, GrainTypeResolver types)
    {
        ArgumentNullException.ThrowIfNull(types);
        _roles = roles ?? throw new ArgumentNullException(nameof(roles));
        var classes = typeof(CallerClassifier).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false }
                && typeof(Grain).IsAssignableFrom(t) && typeof(IGrain).IsAssignableFrom(t))
            .ToList();
        _workerHosted = [.. WorkerHostedGrains.Classes.Select(types.GetGrainType)];
        _core = [.. classes.Where(t => !WorkerHostedGrains.Classes.Contains(t)).Select(types.GetGrainType)];
    }

    /// <summary>Classifies the source of a call.</summary>
    /// <param name="source">The calling grain or client, as the message names it.</param>
    /// <returns>The caller.</returns>
    public Caller Classify(GrainId? source)
    {
        if (source is not { } id)
        {
            return new Caller(Callers.None, null, null);
        }

        if (id.IsClient())
        {
            string key = id.Key.ToString() ?? string.Empty;
            if (!key.StartsWith(HostedClientPrefix, StringComparison.Ordinal))
            {
                return new Caller(Callers.Operator, null, id);
            }

            SiloAddress silo;
            try
            {
                silo = SiloAddress.FromParsableString(key[HostedClientPrefix.Length..]);
            }
            catch (FormatException)
            {
                return new Caller(Callers.None, null, id);
            }

            var role = _roles.GetRole(silo);
            return new Caller(role is SiloRole.Core or SiloRole.All ? Callers.Core : Callers.WorkerSilos, silo, id, role is null);
        }

        if (_core.Contains(id.Type))
        {
            return new Caller(Callers.Core, null, id);
        }

        return _workerHosted.Contains(id.Type)
            ? new Caller(Callers.WorkerSilos, null, id)
            : new Caller(Callers.None, null, id);
    }
}
