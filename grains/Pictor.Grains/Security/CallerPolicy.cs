using System.Collections.Concurrent;
using System.Reflection;
using Pictor.Contracts.Security;

namespace Pictor.Grains.Security;

/// <summary>Which callers each Pictor grain method admits, read once per method from its <see cref="CallableByAttribute"/>.</summary>
public static class CallerPolicy
{
    private static readonly ConcurrentDictionary<MethodInfo, Callers?> Cache = new();

    /// <summary>The callers a method admits.</summary>
    /// <param name="interfaceMethod">The grain interface method called.</param>
    /// <returns>
    /// Null for a method of an interface outside Pictor.Grid (Orleans' own system interfaces: not ours to guard);
    /// <see cref="Callers.None"/> for a Pictor method that declares nobody (refused to all: secure by default).
    /// </returns>
    public static Callers? For(MethodInfo interfaceMethod)
    {
        ArgumentNullException.ThrowIfNull(interfaceMethod);
        return Cache.GetOrAdd(interfaceMethod, Read);
    }

    /// <summary>Whether an interface is one of Pictor.Grid's, and so guarded.</summary>
    /// <param name="type">The grain interface.</param>
    /// <returns>Whether its namespace is under <c>Pictor.</c>.</returns>
    public static bool IsGuarded(Type type) => type.Namespace is { } ns && ns.StartsWith("Pictor.", StringComparison.Ordinal);

    private static Callers? Read(MethodInfo method) =>
        method.DeclaringType is { } type && IsGuarded(type)
            ? method.GetCustomAttribute<CallableByAttribute>()?.Callers ?? Callers.None
            : null;
}
