using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pictor.Rendering.Numerics;

/// <summary><see cref="TurnTrig.SinCos"/> on eight lanes: the same operations, with blends for the quadrant swaps.</summary>
internal static class TurnTrigPacket
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SinCos(Vector256<float> turns, out Vector256<float> cos)
    {
        var quarters = turns * 4f;
        var k = Vector256.Floor(quarters + Vector256.Create(0.5f));
        var x = (quarters - k) * TurnTrig.HalfPi;
        var x2 = x * x;
        var s = x + (x * x2 * (Vector256.Create(TurnTrig.S3)
            + (x2 * (Vector256.Create(TurnTrig.S5) + (x2 * (Vector256.Create(TurnTrig.S7) + (x2 * TurnTrig.S9)))))));
        var c = Vector256<float>.One + (x2 * (Vector256.Create(TurnTrig.C2)
            + (x2 * (Vector256.Create(TurnTrig.C4)
            + (x2 * (Vector256.Create(TurnTrig.C6) + (x2 * (Vector256.Create(TurnTrig.C8) + (x2 * TurnTrig.C10)))))))));
        var quadrant = Vector256.ConvertToInt32(k) & Vector256.Create(3);
        var odd = Vector256.Equals(quadrant & Vector256<int>.One, Vector256<int>.One).AsSingle();
        var sin = Vector256.ConditionalSelect(odd, c, s);
        var cosine = Vector256.ConditionalSelect(odd, s, c);
        var flipCos = (Vector256.Equals(quadrant, Vector256<int>.One) | Vector256.Equals(quadrant, Vector256.Create(2))).AsSingle();
        var flipSin = Vector256.GreaterThanOrEqual(quadrant, Vector256.Create(2)).AsSingle();
        // Negation flips the sign bit exactly as scalar unary minus does (also for zeros).
        var signBit = Vector256.Create(-0f);
        cos = cosine ^ (flipCos & signBit);
        return sin ^ (flipSin & signBit);
    }
}
