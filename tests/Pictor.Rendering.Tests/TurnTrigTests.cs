using System.Runtime.Intrinsics;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Tests;

public sealed class TurnTrigTests
{
    private static IEnumerable<float> Turns()
    {
        // Every quadrant boundary and its float neighbours, then a dense sweep of [0, 1) as the renderer draws it.
        foreach (float edge in new[] { 0f, 0.125f, 0.25f, 0.375f, 0.5f, 0.625f, 0.75f, 0.875f, 1f })
        {
            yield return edge;
            yield return MathF.BitDecrement(edge);
            yield return MathF.BitIncrement(edge);
        }

        for (uint i = 0; i < 1u << 24; i += 997)
        {
            yield return i * (1f / 16777216f);
        }
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void SinCos_OverOneTurn_IsWithinTwoFloatEpsilonsOfDoubleTrig()
    {
        double worst = 0;
        foreach (float t in Turns())
        {
            float sin = TurnTrig.SinCos(t, out float cos);
            double angle = 2 * Math.PI * t;
            worst = Math.Max(worst, Math.Max(Math.Abs(sin - Math.Sin(angle)), Math.Abs(cos - Math.Cos(angle))));
        }

        Assert.InRange(worst, 0, 2.4e-7);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void PacketSinCos_EveryLane_IsBitIdenticalToScalar()
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return; // xunit 2 has no dynamic skip; the packet path is not used without Vector256 hardware.
        }

        var turns = Turns().ToArray();
        for (int i = 0; i + 8 <= turns.Length; i += 8)
        {
            var sin = TurnTrigPacket.SinCos(Vector256.Create<float>(turns.AsSpan(i, 8)), out var cos);
            for (int lane = 0; lane < 8; lane++)
            {
                float expectedSin = TurnTrig.SinCos(turns[i + lane], out float expectedCos);
                Assert.Equal(BitConverter.SingleToInt32Bits(expectedSin), BitConverter.SingleToInt32Bits(sin.GetElement(lane)));
                Assert.Equal(BitConverter.SingleToInt32Bits(expectedCos), BitConverter.SingleToInt32Bits(cos.GetElement(lane)));
            }
        }
    }
}
