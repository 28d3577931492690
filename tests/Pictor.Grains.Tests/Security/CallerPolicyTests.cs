using System.Reflection;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Security;
using Pictor.Grains.Security;

namespace Pictor.Grains.Tests.Security;

/// <summary>Every Pictor grain method declares its callers, and the ones that move money or trust admit the core alone.</summary>
public sealed class CallerPolicyTests
{
    // Money and trust: nobody but the core's own grains, the operator included (issue 17, item 2).
    private static readonly string[] CoreOnly =
    [
        "ILedgerGrain.CreditAsync", "ILedgerGrain.ConfirmAsync", "ILedgerGrain.RejectAsync",
        "ILedgerEpochWriter.OpenAsync", "ILedgerEpochWriter.AppendAsync", "ILedgerEpochWriter.CloseAsync",
        "ILedgerEpochPageGrain.WriteAsync", "ILedgerTileIndexGrain.ClaimCreditsAsync", "ILedgerTileIndexGrain.MoveCreditsAsync",
        "ILedgerTileIndexGrain.ClaimResolutionsAsync", "ISettlementPlanner.PlanAsync", "ISettlementPlanner.ResumeAsync",
        "ISettlementNonceGrain.ReserveAsync", "ISettlementNonceGrain.ReleaseAsync",
        "IWorkerGrain.RecordVerdictAsync", "IWorkerGrain.RecordVerdictsAsync", "IWorkerRegistryGrain.AddAsync",
        "IFrameGrain.StoreAsync", "IWorkUnitGrain.RenderAsync", "IWorkUnitGrain.ReleaseAsync",
    ];

    private static IEnumerable<MethodInfo> GrainMethods() =>
        new[] { typeof(ILedgerGrain).Assembly, typeof(CallerGuard).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && CallerPolicy.IsGuarded(t))
            .SelectMany(t => t.GetMethods());

    [Fact]
    [Trait("Suite", "fast")]
    public void EveryGrainMethod_DeclaresItsCallers()
    {
        var undeclared = GrainMethods()
            .Where(m => m.GetCustomAttribute<CallableByAttribute>() is not { Callers: not Callers.None })
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(undeclared);
        Assert.True(GrainMethods().Count() > 40, "the scan found the grain interfaces");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void MoneyAndTrust_AdmitTheCoreAlone()
    {
        var methods = GrainMethods().ToDictionary(m => $"{m.DeclaringType!.Name}.{m.Name}");

        foreach (string name in CoreOnly)
        {
            Assert.True(methods.TryGetValue(name, out var method), $"{name} exists");
            Assert.Equal(Callers.Core, CallerPolicy.For(method!));
        }
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void OrleansOwnInterfaces_AreNotGuarded_AndUndeclaredPictorMethods_AreRefused()
    {
        Assert.Null(CallerPolicy.For(typeof(IManagementGrain).GetMethods().First(m => m.Name == nameof(IManagementGrain.GetHosts))));
        Assert.Equal(Callers.None, CallerPolicy.For(typeof(IUndeclared).GetMethod(nameof(IUndeclared.DoAsync))!));
    }

    /// <summary>A Pictor grain interface whose method forgot its declaration.</summary>
    public interface IUndeclared : IGrainWithStringKey
    {
        /// <summary>Declares no callers.</summary>
        /// <returns>Nothing.</returns>
        Task DoAsync();
    }
}
