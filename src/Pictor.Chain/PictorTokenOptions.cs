namespace Pictor.Chain;

/// <summary>Where the token lives and how long <see cref="PictorTokenService"/> waits for a settlement.</summary>
/// <remarks>The signing key is passed separately so that it never travels with (or gets logged from) options.</remarks>
public sealed class PictorTokenOptions
{
    /// <summary>JSON-RPC endpoint of the chain, e.g. <c>http://127.0.0.1:8545</c>.</summary>
    public required string RpcUrl { get; init; }

    /// <summary>Address of the deployed <c>PictorToken</c>.</summary>
    public required WalletAddress ContractAddress { get; init; }

    /// <summary>Chain id to sign for; null asks the node once (<c>eth_chainId</c>).</summary>
    public long? ChainId { get; init; }

    /// <summary>Blocks that must contain or follow the settlement before it counts as confirmed.</summary>
    /// <remarks>1 means "included in a block". Use more on chains that reorganise.</remarks>
    public int Confirmations { get; init; } = 1;

    /// <summary>Longest wait, from broadcast, for the receipt and the confirmations.</summary>
    public TimeSpan ConfirmationTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pause between receipt and block-number polls.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
