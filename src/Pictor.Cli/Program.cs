using System.CommandLine;
using Pictor.Cli.Commands;

var root = new RootCommand("pictor: the Pictor.Grid command line — render on a grid of other people's GPUs.")
{
    DemoCommand.Create(),
    RenderCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
