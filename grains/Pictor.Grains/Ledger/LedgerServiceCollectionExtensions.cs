using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pictor.Grains.Settlement;

namespace Pictor.Grains.Ledger;

/// <summary>Registers what the ledger and settlement grains need.</summary>
public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LedgerOptions"/> (section <c>Ledger</c>) and <see cref="ChainSettlementOptions"/> (section
    /// <c>Chain</c>) and adds the chain connector.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="configuration">Configuration holding those sections, if any; without <c>Chain</c> nothing is minted.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPictorLedger(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var ledger = services.AddOptions<LedgerOptions>();
        var chain = services.AddOptions<ChainSettlementOptions>();
        if (configuration is not null)
        {
            ledger.Bind(configuration.GetSection(LedgerOptions.Section));
            chain.Bind(configuration.GetSection(ChainSettlementOptions.Section));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SettlementChain>();
        services.TryAddSingleton<ILedgerFaults, NoLedgerFaults>();
        return services;
    }
}
