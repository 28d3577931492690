using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Pictor.Chain;

namespace Pictor.Cli.Commands;

/// <summary>The flags that name a chain, a token and a minting key, applied over the <c>Chain</c> configuration section.</summary>
internal sealed class ChainFlags
{
    public const string RpcKey = "Chain:RpcUrl";

    public const string TokenKey = "Chain:TokenAddress";

    public const string PrivateKeyKey = "Chain:PrivateKey";

    public Option<string?> Rpc { get; } = new("--rpc")
    {
        Description = "JSON-RPC endpoint of the chain, e.g. http://127.0.0.1:8545 (default: Chain:RpcUrl).",
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "Hex private key of the minting account (default: Chain:PrivateKey, e.g. from PICTOR_Chain__PrivateKey).",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Address of the deployed PictorToken (default: Chain:TokenAddress).",
    };

    /// <summary>Whether a configuration names all three.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[RpcKey]) && !string.IsNullOrWhiteSpace(configuration[TokenKey])
            && !string.IsNullOrWhiteSpace(configuration[PrivateKeyKey]);

    public void AddTo(Command command)
    {
        command.Options.Add(Rpc);
        command.Options.Add(Key);
        command.Options.Add(Token);
    }

    /// <summary>Lays the flags over the configuration; a problem (a chain half named, a bad token address) is returned instead.</summary>
    public (IConfiguration Configuration, string? Problem) Apply(ParseResult parse, IConfiguration configuration)
    {
        var overrides = new Dictionary<string, string?>();
        void Set(Option<string?> option, string key)
        {
            if (parse.GetValue(option) is { Length: > 0 } value)
            {
                overrides[key] = value;
            }
        }

        Set(Rpc, RpcKey);
        Set(Key, PrivateKeyKey);
        Set(Token, TokenKey);
        var merged = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
        var missing = new (string Key, string Flag)[] { (RpcKey, "--rpc"), (PrivateKeyKey, "--key"), (TokenKey, "--token") }
            .Where(k => string.IsNullOrWhiteSpace(merged[k.Key])).Select(k => k.Flag).ToList();
        if (missing.Count is > 0 and < 3)
        {
            return (merged, $"settling on a chain needs --rpc, --key and --token (or {RpcKey}, {PrivateKeyKey}, {TokenKey}); missing " +
                $"{string.Join(", ", missing)}");
        }

        if (merged[TokenKey] is { Length: > 0 } token && !WalletAddress.TryParse(token, out _))
        {
            return (merged, $"--token '{token}' is not an address");
        }

        return (merged, null);
    }
}
