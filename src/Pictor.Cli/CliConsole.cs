namespace Pictor.Cli;

/// <summary>The writers a command prints to.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Errors and warnings.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>Whether progress may redraw one line (a terminal, not a pipe or a test).</summary>
    public bool Interactive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
}
