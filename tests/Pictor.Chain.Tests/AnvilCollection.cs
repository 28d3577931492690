namespace Pictor.Chain.Tests;

/// <summary>Tests that share one <see cref="AnvilFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "anvil";
}
