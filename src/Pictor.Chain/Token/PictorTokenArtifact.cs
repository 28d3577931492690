using System.Text.Json;

namespace Pictor.Chain.Token;

/// <summary>The compiled <c>PictorToken</c> (ABI and creation bytecode) embedded by the build.</summary>
/// <remarks>
/// The build compiles <c>contracts/token/PictorToken.sol</c> with the pinned solc-js and embeds the
/// result, so these always match the source the assembly was built from.
/// </remarks>
public static class PictorTokenArtifact
{
    private const string ResourceName = "Pictor.Chain.PictorToken.json";

    private static readonly Lazy<(string Abi, string Bytecode, string Compiler)> Loaded = new(Load);

    /// <summary>The contract ABI as JSON.</summary>
    public static string Abi => Loaded.Value.Abi;

    /// <summary>The creation bytecode as <c>0x</c>-prefixed hex.</summary>
    public static string Bytecode => Loaded.Value.Bytecode;

    /// <summary>The compiler that produced the bytecode, e.g. <c>solc 0.8.37+commit…</c>.</summary>
    public static string Compiler => Loaded.Value.Compiler;

    private static (string, string, string) Load()
    {
        using var stream = typeof(PictorTokenArtifact).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"Resource {ResourceName} is missing: the build did not compile contracts/token (see Pictor.Chain.csproj).");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        return (
            root.GetProperty("abi").GetRawText(),
            root.GetProperty("bytecode").GetString() ?? throw new InvalidOperationException("Artifact has no bytecode."),
            root.GetProperty("compiler").GetString() ?? string.Empty);
    }
}
