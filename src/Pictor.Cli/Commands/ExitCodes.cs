namespace Pictor.Cli.Commands;

/// <summary>Process exit codes of the CLI.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    public const int Failed = 1;

    public const int BadInput = 2;

    public const int Cancelled = 130;
}
