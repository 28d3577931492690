using Pictor.Grains.Jobs;

namespace Pictor.Grains.Security;

/// <summary>The grain classes that worker silos host; every other Pictor grain class lives on core silos only.</summary>
/// <remarks>
/// One list for both sides: the host keeps each silo to its role with it, and <see cref="CallerClassifier"/> counts a
/// call from one of these grains as a worker silo's, never the core's.
/// </remarks>
public static class WorkerHostedGrains
{
    /// <summary>The classes.</summary>
    public static IReadOnlyList<Type> Classes { get; } = [typeof(WorkUnitGrain)];
}
