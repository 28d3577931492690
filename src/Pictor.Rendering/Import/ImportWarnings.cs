namespace Pictor.Rendering.Import;

/// <summary>Collects warnings about features an import could not represent, each message once.</summary>
public sealed class ImportWarnings
{
    private readonly List<string> _messages = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>The warnings, in the order first seen.</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Records a warning unless the same one was recorded before.</summary>
    /// <param name="message">What was ignored or approximated, naming the feature.</param>
    public void Add(string message)
    {
        if (_seen.Add(message))
        {
            _messages.Add(message);
        }
    }
}
