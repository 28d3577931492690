using Pictor.Contracts.Jobs;
using Pictor.Grains.Verification;
using Pictor.Rendering;
using Pictor.Rendering.Devices;

namespace Pictor.Grains.Tests.Verification;

public sealed class TileComparerTests : IDisposable
{
    private static readonly PixelRect Rect = new(48, 64, 32, 32);
    private readonly ManagedCpuDevice _device = new("cpu", 1);
    private readonly TileComparer _comparer = new(new VerificationOptions());

    private TileRenderResult Render(int spp, uint seed, string backend = "cpu-managed", int frame = 0)
    {
        var rgb = new float[Rect.FloatCount];
        _device.Render(FrameParameters.Create(128, 128, spp, seed, frame), Rect, rgb);
        return new TileRenderResult("t", "w", string.Empty, backend, rgb, 0, 0);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void SameBackend_IdenticalRenders_Agree_AndAnyDifferenceDisagrees()
    {
        var a = Render(16, 1);
        Assert.True(_comparer.Compare(a, Render(16, 1)).Agree);
        var tampered = a with { Pixels = (float[])a.Pixels.Clone() };
        tampered.Pixels[100] += 1e-6f;
        var verdict = _comparer.Compare(a, tampered);
        Assert.False(verdict.Agree);
        Assert.Contains("float 100", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void CrossBackend_HonestNoise_Agrees()
    {
        // Another backend's honest render differs in every bit of noise: model it by another seed at the same spp.
        for (uint seed = 2; seed < 12; seed++)
        {
            var verdict = _comparer.Compare(Render(64, 1), Render(64, seed, backend: "cuda"));
            Assert.True(verdict.Agree, verdict.Reason);
        }
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void CrossBackend_CheatsAreCaught()
    {
        var honest = Render(64, 1);
        var blank = honest with { Backend = "cuda", Pixels = new float[Rect.FloatCount] };
        var bright = honest with { Backend = "cuda", Pixels = honest.Pixels.Select(v => v * 1.2f).ToArray() };
        var foreign = new TileRenderResult(
            "t", "w", string.Empty, "cuda", new float[Rect.FloatCount].Select((_, i) => i % 3 == 0 ? 0.9f : 0.1f).ToArray(), 0, 0);
        Assert.False(_comparer.Compare(honest, blank).Agree);
        Assert.False(_comparer.Compare(honest, bright).Agree);
        Assert.False(_comparer.Compare(honest, foreign).Agree);
        Assert.False(_comparer.Compare(honest, honest with { Backend = "cuda", Pixels = [.. honest.Pixels.Take(30)] }).Agree);
    }

    public void Dispose() => _device.Dispose();
}
