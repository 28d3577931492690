namespace Pictor.Contracts.Security;

/// <summary>
/// Declares who may call a grain method. The silo's caller guard enforces it at the callee; a Pictor grain method
/// without this attribute is refused to everyone.
/// </summary>
/// <param name="callers">The kinds of caller allowed.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class CallableByAttribute(Callers callers) : Attribute
{
    /// <summary>The kinds of caller allowed.</summary>
    public Callers Callers { get; } = callers;
}
