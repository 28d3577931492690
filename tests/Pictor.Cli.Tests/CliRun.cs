namespace Pictor.Cli.Tests;

/// <summary>Runs the <c>pictor</c> command tree in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await CliApp.RunAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string Line(string prefix) =>
        Output.Split('\n').Select(l => l.TrimEnd('\r')).SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No line starts with '{prefix}' in:\n{Output}\n{Error}");
}
