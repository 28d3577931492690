namespace Pictor.Cli.Commands;

/// <summary>Error messages as the CLI prints them.</summary>
internal static class CliErrors
{
    /// <summary>The message of a refusal, without the <c>(Parameter '…')</c> tail .NET adds to argument errors.</summary>
    public static string Message(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ArgumentException { ParamName: { } name }
            ? error.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : error.Message;
    }
}
