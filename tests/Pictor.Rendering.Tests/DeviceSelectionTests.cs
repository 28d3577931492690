using Pictor.Rendering.Devices;

namespace Pictor.Rendering.Tests;

public sealed class DeviceSelectionTests
{
    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("auto", DeviceSelectionMode.Auto, 3)]
    [InlineData("cpu", DeviceSelectionMode.Cpu, 3)]
    [InlineData("cpu:5", DeviceSelectionMode.Cpu, 5)]
    [InlineData("CPU:2", DeviceSelectionMode.Cpu, 2)]
    [InlineData("ilgpu-cpu", DeviceSelectionMode.IlgpuCpu, 1)]
    public void Parse_ValidText_GivesModeAndSlots(string text, DeviceSelectionMode mode, int slots)
    {
        var selection = DeviceSelection.Parse(text, 3);
        Assert.Equal(mode, selection.Mode);
        Assert.Equal(slots, selection.CpuSlots);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Parse_CudaList_GivesIndices()
    {
        Assert.Equal([0, 2], DeviceSelection.Parse("cuda:0,2", 1).GpuIndices);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("gpu")]
    [InlineData("cpu:0")]
    [InlineData("cpu:-1")]
    [InlineData("cpu:x")]
    [InlineData("cuda:1,a")]
    [InlineData("auto:3")]
    public void Parse_BadText_ThrowsFormatExceptionNamingIt(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DeviceSelection.Parse(text, 1));
        Assert.Contains(text, ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
