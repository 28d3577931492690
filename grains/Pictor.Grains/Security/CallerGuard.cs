using Microsoft.Extensions.Logging;
using Pictor.Contracts.Security;

namespace Pictor.Grains.Security;

/// <summary>
/// Refuses, at the callee, every call to a Pictor grain method from a caller its <see cref="CallableByAttribute"/>
/// does not admit; installed on every silo.
/// </summary>
/// <remarks>
/// The refusal is an <see cref="UnauthorizedAccessException"/> naming the method, who may call it and who called; the
/// grain is not invoked, so nothing changes. Admitted calls run with <see cref="CallerContext.Current"/> set, for grains
/// that check more (a worker silo acting only for itself, a frame stored only by its job).
/// </remarks>
/// <param name="classifier">Tells callers apart.</param>
/// <param name="logger">Where refusals are logged.</param>
public sealed partial class CallerGuard(CallerClassifier classifier, ILogger<CallerGuard> logger) : IIncomingGrainCallFilter
{
    private const int RoleWaits = 30;
    private static readonly TimeSpan RoleWait = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CallerPolicy.For(context.InterfaceMethod) is not { } allowed)
        {
            await context.Invoke();
            return;
        }

        var caller = classifier.Classify(context.SourceId);
        for (int wait = 0; (caller.Kind & allowed) == 0 && caller.RoleUnknown && wait < RoleWaits; wait++)
        {
            // A silo that joined a moment ago: its role (silo metadata) is on its way; a core silo is not refused for that.
            await Task.Delay(RoleWait);
            caller = classifier.Classify(context.SourceId);
        }

        if ((caller.Kind & allowed) == 0)
        {
            GridMetrics.CallsRefused.Add(1);
            string method = $"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}";
            LogRefused(logger, method, caller.Describe(), context.TargetId);
            throw new UnauthorizedAccessException(
                $"refused: {method} may be called only by {Describe(allowed)}; this call came from {caller.Describe()}");
        }

        CallerContext.Current = caller;
        await context.Invoke();
    }

    /// <summary>Words for the callers a method admits.</summary>
    /// <param name="allowed">The callers.</param>
    /// <returns>For example <c>the core or an Orleans client (operator)</c>.</returns>
    public static string Describe(Callers allowed)
    {
        if (allowed == Callers.None)
        {
            return "nobody (the method declares no callers)";
        }

        var words = new List<string>(3);
        if (allowed.HasFlag(Callers.Core))
        {
            words.Add("the core");
        }

        if (allowed.HasFlag(Callers.Operator))
        {
            words.Add("an Orleans client (operator)");
        }

        if (allowed.HasFlag(Callers.WorkerSilos))
        {
            words.Add("a worker silo");
        }

        return string.Join(" or ", words);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} on {Target} from {Caller}")]
    private static partial void LogRefused(ILogger logger, string method, string caller, GrainId target);
}
