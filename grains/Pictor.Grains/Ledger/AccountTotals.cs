using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>Running totals of one worker or wallet over closed epochs; a cache of what their journals say.</summary>
[GenerateSerializer, Alias("pictor.AccountTotals")]
public sealed class AccountTotals
{
    /// <summary>Tiles credited (payable or pending).</summary>
    [Id(0)]
    public long Tiles { get; set; }

    /// <summary>Pixel-samples of those tiles.</summary>
    [Id(1)]
    public long PixelSamples { get; set; }

    /// <summary>Payable credits.</summary>
    [Id(2)]
    public long Amount { get; set; }

    /// <summary>Credits awaiting verification.</summary>
    [Id(3)]
    public long Pending { get; set; }

    /// <summary>Adds an epoch's balance of the same account.</summary>
    /// <param name="balance">The balance.</param>
    public void Add(AccountBalance balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        // Statistics over the ledger's life: they saturate rather than stop a close (see Saturating).
        Tiles = Saturating.Add(Tiles, balance.Tiles);
        PixelSamples = Saturating.Add(PixelSamples, balance.PixelSamples);
        Amount = Saturating.Add(Amount, balance.Amount);
        Pending = Saturating.Add(Pending, balance.Pending);
    }

    /// <summary>The totals as a balance of <paramref name="account"/>.</summary>
    /// <param name="account">The account.</param>
    /// <returns>The balance.</returns>
    public AccountBalance ToBalance(string account) => new(account, Tiles, PixelSamples, Amount, Pending);
}
