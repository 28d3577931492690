using System.Reflection;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Scenes;
using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs;
using Pictor.Grains.Ledger;
using Pictor.Grains.Settlement;

namespace Pictor.Grains.Tests.Wire;

/// <summary>
/// What the wire and the stores name: type and method aliases, and grain types. Renaming a C# type must never
/// change them (silos and clients of other builds, and stored state, still use them), so they are pinned here.
/// </summary>
[Collection(GridClusterCollection.Name)]
public sealed class WireAliasTests(GridClusterFixture fixture)
{
    /// <summary>
    /// Every <c>[Alias]</c> of our assemblies: a type's alias, or an interface's alias and a method's, as
    /// <c>alias.method</c>.
    /// </summary>
    private static readonly string[] PinnedAliases = ReadPinned("WireAliases.txt");

    private static readonly string[] PinnedGrainTypes = ReadPinned("GrainTypes.txt");

    [Fact]
    [Trait("Suite", "fast")]
    public void TypeAndMethodAliasesAreUnchanged()
    {
        var actual = Aliases(typeof(IRenderJobGrain).Assembly).Concat(Aliases(typeof(RenderJobGrain).Assembly))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(PinnedAliases, actual);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public void GrainTypesAreUnchanged()
    {
        var factory = fixture.Cluster.Client;
        var actual = new[]
        {
            ("IRenderJobGrain", factory.GetGrain<IRenderJobGrain>("x").GetGrainId().Type),
            ("IWorkUnitGrain", factory.GetGrain<IWorkUnitGrain>("x").GetGrainId().Type),
            ("IFrameGrain", factory.GetGrain<IFrameGrain>("x").GetGrainId().Type),
            ("ISceneGrain", factory.GetGrain<ISceneGrain>("x").GetGrainId().Type),
            ("IWorkerGrain", factory.GetGrain<IWorkerGrain>("x").GetGrainId().Type),
            ("IWorkerRegistryGrain", factory.GetGrain<IWorkerRegistryGrain>("x").GetGrainId().Type),
            ("IDeviceDirectoryGrain", factory.GetGrain<IDeviceDirectoryGrain>("x").GetGrainId().Type),
            ("ILedgerGrain", factory.GetGrain<ILedgerGrain>("x").GetGrainId().Type),
            ("ILedgerEpochGrain", factory.GetGrain<ILedgerEpochGrain>("x").GetGrainId().Type),
            ("ILedgerEpochPageGrain", factory.GetGrain<ILedgerEpochPageGrain>("x").GetGrainId().Type),
            ("ILedgerTileIndexGrain", factory.GetGrain<ILedgerTileIndexGrain>("x").GetGrainId().Type),
            ("ILedgerAccountWriter", factory.GetGrain<ILedgerAccountWriter>("x").GetGrainId().Type),
            ("ISettlementGrain", factory.GetGrain<ISettlementGrain>("x").GetGrainId().Type),
            ("ISettlementNonceGrain", factory.GetGrain<ISettlementNonceGrain>("x").GetGrainId().Type),
        }.Select(g => $"{g.Item1} = {g.Item2}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(PinnedGrainTypes, actual);
    }

    private static IEnumerable<string> Aliases(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            var alias = type.GetCustomAttribute<AliasAttribute>();
            if (alias is not null)
            {
                yield return alias.Alias;
            }

            if (!type.IsInterface)
            {
                continue;
            }

            foreach (var method in type.GetMethods())
            {
                if (method.GetCustomAttribute<AliasAttribute>() is { } methodAlias)
                {
                    // A method alias is only unique within its interface: pin them together (an unaliased interface is a gap too).
                    yield return $"{alias?.Alias ?? "(no alias) " + type.Name}.{methodAlias.Alias}";
                }
            }
        }
    }

    private static string[] ReadPinned(string name) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Wire", name)).Where(l => l.Length > 0 && !l.StartsWith('#'))];
}
