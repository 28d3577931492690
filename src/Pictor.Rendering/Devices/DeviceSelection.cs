using System.Globalization;

namespace Pictor.Rendering.Devices;

/// <summary>Which devices a host renders on, parsed from <c>auto</c>, <c>cpu:N</c>, <c>cuda:I,…</c> or <c>ilgpu-cpu</c>.</summary>
/// <param name="Mode">The selection mode.</param>
/// <param name="CpuSlots">Number of CPU worker slots (mode <see cref="DeviceSelectionMode.Cpu"/>, or the fallback of auto).</param>
/// <param name="GpuIndices">Indices of the GPUs to use (mode <see cref="DeviceSelectionMode.Cuda"/>).</param>
public sealed record DeviceSelection(DeviceSelectionMode Mode, int CpuSlots, IReadOnlyList<int> GpuIndices)
{
    /// <summary>CUDA devices where present, else CPU slots.</summary>
    /// <param name="cpuSlots">CPU slots when no GPU is found.</param>
    /// <returns>The selection.</returns>
    public static DeviceSelection Auto(int cpuSlots) => new(DeviceSelectionMode.Auto, cpuSlots, []);

    /// <summary>Parses a selection string.</summary>
    /// <param name="text"><c>auto</c>, <c>cpu</c>, <c>cpu:N</c>, <c>cuda</c>, <c>cuda:I,J</c> or <c>ilgpu-cpu</c>.</param>
    /// <param name="defaultCpuSlots">CPU slots where the text names none.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="FormatException">The text is not a selection.</exception>
    public static DeviceSelection Parse(string text, int defaultCpuSlots)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split(':', 2);
        string head = parts[0];
        string? tail = parts.Length > 1 ? parts[1] : null;
        return head switch
        {
            "auto" when tail is null => Auto(defaultCpuSlots),
            "cpu" => new DeviceSelection(DeviceSelectionMode.Cpu, tail is null ? defaultCpuSlots : ParseCount(tail, text), []),
            "ilgpu-cpu" when tail is null => new DeviceSelection(DeviceSelectionMode.IlgpuCpu, 1, []),
            "cuda" =>
                new DeviceSelection(
                    DeviceSelectionMode.Cuda, 0,
                    tail is null ? [] : tail.Split(',').Select(i => ParseCount(i, text, allowZero: true)).ToArray()),
            _ => throw new FormatException($"Unknown device selection '{text}': use auto, cpu:N, cuda:I,J or ilgpu-cpu."),
        };
    }

    private static int ParseCount(string value, string text, bool allowZero = false)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < (allowZero ? 0 : 1) || n > 1024)
        {
            throw new FormatException($"Bad number '{value}' in device selection '{text}'.");
        }

        return n;
    }
}
