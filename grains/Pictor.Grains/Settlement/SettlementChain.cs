using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pictor.Chain;

namespace Pictor.Grains.Settlement;

/// <summary>Connects settlement grains to the configured token; one per silo.</summary>
public sealed class SettlementChain(IOptions<ChainSettlementOptions> options, ILoggerFactory loggers)
{
    /// <summary>The settings.</summary>
    public ChainSettlementOptions Options => options.Value;

    /// <summary>Whether a chain is configured.</summary>
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Creates a token service that takes its nonces from <paramref name="nonces"/>.</summary>
    /// <param name="nonces">A durable nonce store.</param>
    /// <returns>The service.</returns>
    /// <exception cref="InvalidOperationException">No chain is configured.</exception>
    /// <exception cref="FormatException">The token address is not an address.</exception>
    public PictorTokenService Connect(INonceStore nonces)
    {
        var o = options.Value;
        if (!o.IsConfigured)
        {
            throw new InvalidOperationException("No chain is configured: set Chain:RpcUrl, Chain:TokenAddress and Chain:PrivateKey.");
        }

        var token = new PictorTokenOptions
        {
            RpcUrl = o.RpcUrl,
            ContractAddress = WalletAddress.Parse(o.TokenAddress),
            Confirmations = o.Confirmations,
            ConfirmationTimeout = o.ConfirmationTimeout,
            PollInterval = o.PollInterval,
        };
        return new PictorTokenService(token, o.PrivateKey, nonces, loggers.CreateLogger<PictorTokenService>());
    }
}
