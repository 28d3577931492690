namespace Pictor.Grains.Settlement;

/// <summary>Where and how epochs are minted; bound from configuration section <see cref="Section"/>.</summary>
/// <remarks>
/// The chain is optional: without <see cref="RpcUrl"/>, <see cref="TokenAddress"/> and <see cref="PrivateKey"/>
/// epochs still close and plan their mint, which waits until a chain is configured. Pass the key through the
/// environment (<c>PICTOR_Chain__PrivateKey</c> for the CLI), never through a file in a repository.
/// </remarks>
public sealed class ChainSettlementOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Chain";

    /// <summary>JSON-RPC endpoint, e.g. <c>http://127.0.0.1:8545</c>.</summary>
    public string RpcUrl { get; set; } = string.Empty;

    /// <summary>Address of the deployed <c>PictorToken</c>.</summary>
    public string TokenAddress { get; set; } = string.Empty;

    /// <summary>Hex private key of the settling account, which needs <c>MINTER_ROLE</c>.</summary>
    public string PrivateKey { get; set; } = string.Empty;

    /// <summary>Blocks that must contain or follow a settlement before it counts as confirmed.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>
    /// Longest wait for a sent settlement's receipt and confirmations before reconciling and, if it is not on chain,
    /// sending again.
    /// </summary>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Pause between receipt polls.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between failed attempts (it doubles from one second).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Token base units (10^-18 $PICTOR) minted per ledger credit; fixed into each epoch's batch when it is planned.</summary>
    /// <remarks>The default, 10^12, mints one $PICTOR per million pixel-samples of a built-in scene.</remarks>
    public long BaseUnitsPerCredit { get; set; } = 1_000_000_000_000;

    /// <summary>Whether enough is configured to mint.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(RpcUrl) && !string.IsNullOrWhiteSpace(TokenAddress) && !string.IsNullOrWhiteSpace(PrivateKey);
}
