using System.CommandLine;
using Pictor.Cli.Commands;

namespace Pictor.Cli;

/// <summary>The <c>pictor</c> command tree, with its output and error writers injectable for tests.</summary>
internal static class CliApp
{
    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where results go (standard output).</param>
    /// <param name="error">Where errors go (standard error).</param>
    /// <param name="cancellationToken">Stops the command (Ctrl+C).</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("pictor: the Pictor.Grid command line — render on a grid of other people's GPUs.")
        {
            DemoCommand.Create(console),
            RenderCommand.Create(console),
            LedgerCommand.Create(console),
            EarningsCommand.Create(console),
            AccountCommand.Create(console),
            ChainCommand.Create(console),
            SiloCommand.Create(console),
            DbCommand.Create(console),
            CertsCommand.Create(console),
        };
        var config = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).InvokeAsync(config, cancellationToken);
    }
}
