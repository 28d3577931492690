using Microsoft.Extensions.Logging.Abstractions;
using Pictor.Contracts.Silos;
using Pictor.Grains;
using Pictor.Rendering.Devices;
using Pictor.Silo.Devices;
using Pictor.Silo.Hosting;

namespace Pictor.Silo.Tests;

public sealed class DevicePoolFactoryTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void Create_CpuSlots_AreBenchmarkedNamedAndEligible()
    {
        using var catalog = new DeviceCatalog();
        var pool = DevicePoolFactory.Create(
            catalog, new SiloHostOptions { Devices = "cpu:2", WorkerHost = "h", Wallet = "0xabc" }, new GridOptions(), NullLogger.Instance);
        Assert.Equal(["h/cpu-0", "h/cpu-1"], pool.Slots.Select(s => s.WorkerId));
        Assert.All(pool.Slots, s =>
        {
            Assert.True(s.Eligible, s.Reason);
            Assert.True(s.MsamplesPerSecond > 0);
        });
        Assert.Equal("0xabc", pool.Wallet);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Create_BelowTheMinimum_RegistersTheSlotButMakesItIneligibleWithTheReason()
    {
        using var catalog = new DeviceCatalog();
        var pool = DevicePoolFactory.Create(
            catalog, new SiloHostOptions { Devices = "cpu:1", WorkerHost = "h" }, new GridOptions { MinimumMsamplesPerSecond = 1e9 },
            NullLogger.Instance);
        var slot = Assert.Single(pool.Slots);
        Assert.False(slot.Eligible);
        Assert.Contains("below the minimum", slot.Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Create_CoreRole_OpensNoDevices()
    {
        using var catalog = new DeviceCatalog();
        Assert.Empty(
            DevicePoolFactory.Create(
                catalog, new SiloHostOptions { Devices = "cpu:2", Role = SiloRole.Core }, new GridOptions(), NullLogger.Instance).Slots);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void CheckMinimum_TooLittleMemory_IsBelowSpec()
    {
        var device = new DeviceInfo("cuda-0", DeviceKind.Cuda, "tiny", 256L << 20, 0);
        var (eligible, reason) = DevicePoolFactory.CheckMinimum(device, 5000, new GridOptions());
        Assert.False(eligible);
        Assert.Contains("256 MiB", reason, StringComparison.Ordinal);
    }
}
