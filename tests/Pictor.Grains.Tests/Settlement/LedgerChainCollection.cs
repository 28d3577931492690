namespace Pictor.Grains.Tests.Settlement;

/// <summary>Settlement tests that share one anvil chain; each deploys its own token.</summary>
[CollectionDefinition(Name)]
public sealed class LedgerChainCollection : ICollectionFixture<AnvilFixture>
{
    public const string Name = "ledger chain";
}
