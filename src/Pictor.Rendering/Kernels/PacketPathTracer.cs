using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary>
/// <see cref="NaivePathTracer"/> on eight paths at once (AVX2): the fast managed CPU path, bit-identical to the scalar one.
/// </summary>
/// <remarks>
/// <para>
/// Lane <i>i</i> owns one pixel at a time and traces that pixel's samples in order 0, 1, … with the scalar code's exact
/// sequence of IEEE operations and random draws, so its sum — and the pixel — equal <see cref="NaivePathTracer.RenderPixel"/>
/// bit for bit. Divergence is handled with masks: every branch is evaluated where any lane needs it, and random states
/// advance only in lanes whose scalar path would draw.
/// </para>
/// <para>
/// Lanes are regenerated: when a path ends, its lane starts the pixel's next sample right away, and when a pixel's
/// samples are done the lane takes the next pixel of the span. Packets therefore stay full until the last few pixels of
/// a span, instead of emptying as paths of different lengths terminate.
/// </para>
/// <para>Managed code only: ILGPU cannot compile <see cref="Vector256{T}"/>; the kernels keep calling the scalar code.</para>
/// </remarks>
internal static class PacketPathTracer
{
    /// <summary>Paths per packet.</summary>
    public const int Lanes = 8;

    private const float Epsilon = 1e-4f;
    private const float SphereRadius = 0.2f;

    // Object ids index the 8-entry tables below: the five planes in the order CornellSpheres tests them, then the spheres.
    private const int MirrorId = 5;
    private const int GlassId = 6;

    /// <summary>Whether this CPU runs the packet tracer (it needs AVX2's per-lane shifts and permutes).</summary>
    public static bool IsSupported => Avx2.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>Renders pixels [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of
    /// <paramref name="rect"/> (row-major inside it) into <paramref name="output"/>, laid out as the whole rectangle.</summary>
    /// <param name="frame">Frame size, samples and random key.</param>
    /// <param name="rect">The rectangle being rendered.</param>
    /// <param name="first">First pixel, counted row-major inside <paramref name="rect"/>.</param>
    /// <param name="count">Number of pixels.</param>
    /// <param name="output">RGB floats of the whole rectangle.</param>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RenderSpan(in FrameParameters frame, PixelRect rect, int first, int count, Span<float> output)
    {
        Span<int> lanePixel = stackalloc int[Lanes];
        Span<float> laneX = stackalloc float[Lanes];
        Span<float> laneY = stackalloc float[Lanes];
        Span<uint> laneIndex = stackalloc uint[Lanes];
        Span<int> laneLive = stackalloc int[Lanes];
        Span<float> sumX = stackalloc float[Lanes];
        Span<float> sumY = stackalloc float[Lanes];
        Span<float> sumZ = stackalloc float[Lanes];

        int next = first;
        int end = first + count;
        for (int lane = 0; lane < Lanes; lane++)
        {
            AssignPixel(lane, next < end ? next++ : -1, frame, rect, lanePixel, laneX, laneY, laneIndex, laneLive);
        }

        int spp = frame.SamplesPerPixel;
        float invSpp = 1f / spp;
        var invWidth = Vector256.Create(1f / frame.Width);
        var invHeight = Vector256.Create(1f / frame.Height);
        var frameKey = Vector256.Create(frame.FrameKey);
        var sppVector = Vector256.Create(spp);
        var eye = CornellSpheres.Eye;
        var eyePacket = Float3Packet.Broadcast(eye.X, eye.Y, eye.Z);
        var one = Float3Packet.Broadcast(1f, 1f, 1f);
        var zero = Float3Packet.Broadcast(0f, 0f, 0f);

        var live = Vector256.Create<int>(laneLive).AsSingle();
        var pixX = Vector256.Create<float>(laneX);
        var pixY = Vector256.Create<float>(laneY);
        var pixIndex = Vector256.Create<uint>(laneIndex);
        var sample = Vector256<int>.Zero;
        var sum = zero;
        var origin = zero;
        var direction = zero;
        var throughput = zero;
        var radiance = zero;
        var depth = Vector256<int>.Zero;
        var state = Vector256<uint>.Zero;
        var regenerate = live;

        while (true)
        {
            if (regenerate.ExtractMostSignificantBits() != 0)
            {
                // Camera rays for lanes starting a sample, exactly as NaivePathTracer.RenderPixel builds them.
                var fresh = PcgHashPacket.Hash((pixIndex * 9781u) + (sample.AsUInt32() * 6271u) + Vector256<uint>.One + frameKey);
                var jitterX = PcgHashPacket.NextFloat(ref fresh);
                var jitterY = PcgHashPacket.NextFloat(ref fresh);
                var fx = ((pixX + jitterX) * invWidth) - Vector256.Create(0.5f);
                var fy = Vector256.Create(0.5f) - ((pixY + jitterY) * invHeight);
                var film = new Float3Packet(fx * CornellSpheres.FilmScale, fy * CornellSpheres.FilmScale, Vector256.Create(-1f));
                origin = Float3Packet.Select(regenerate, eyePacket, origin);
                direction = Float3Packet.Select(regenerate, Float3Packet.Normalize(film), direction);
                throughput = Float3Packet.Select(regenerate, one, throughput);
                radiance = Float3Packet.Select(regenerate, zero, radiance);
                depth = Vector256.ConditionalSelect(regenerate.AsInt32(), Vector256<int>.Zero, depth);
                state = Vector256.ConditionalSelect(regenerate.AsUInt32(), fresh, state);
            }

            if (live.ExtractMostSignificantBits() == 0)
            {
                break;
            }

            var ended = Bounce(live, ref origin, ref direction, ref throughput, ref radiance, ref depth, ref state);
            if (ended.ExtractMostSignificantBits() == 0)
            {
                regenerate = Vector256<float>.Zero;
                continue;
            }

            sum = Float3Packet.Select(ended, sum + radiance, sum);
            sample -= ended.AsInt32();
            var pixelDone = ended & Vector256.Equals(sample, sppVector).AsSingle();
            uint doneBits = pixelDone.ExtractMostSignificantBits();
            if (doneBits != 0)
            {
                sum.X.CopyTo(sumX);
                sum.Y.CopyTo(sumY);
                sum.Z.CopyTo(sumZ);
                while (doneBits != 0)
                {
                    int lane = System.Numerics.BitOperations.TrailingZeroCount(doneBits);
                    doneBits &= doneBits - 1;
                    int o = lanePixel[lane] * 3;
                    output[o] = sumX[lane] * invSpp;
                    output[o + 1] = sumY[lane] * invSpp;
                    output[o + 2] = sumZ[lane] * invSpp;
                    AssignPixel(lane, next < end ? next++ : -1, frame, rect, lanePixel, laneX, laneY, laneIndex, laneLive);
                }

                live = Vector256.Create<int>(laneLive).AsSingle();
                pixX = Vector256.Create<float>(laneX);
                pixY = Vector256.Create<float>(laneY);
                pixIndex = Vector256.Create<uint>(laneIndex);
                sample = Vector256.ConditionalSelect(pixelDone.AsInt32(), Vector256<int>.Zero, sample);
                sum = Float3Packet.Select(pixelDone, zero, sum);
            }

            regenerate = ended & live;
        }
    }

    private static void AssignPixel(
        int lane, int pixel, in FrameParameters frame, PixelRect rect, Span<int> lanePixel, Span<float> laneX, Span<float> laneY,
        Span<uint> laneIndex, Span<int> laneLive)
    {
        lanePixel[lane] = pixel;
        laneLive[lane] = pixel < 0 ? 0 : -1;
        if (pixel < 0)
        {
            return;
        }

        int x = rect.X + (pixel % rect.Width);
        int y = rect.Y + (pixel / rect.Width);
        laneX[lane] = x;
        laneY[lane] = y;
        laneIndex[lane] = (uint)((y * frame.Width) + x);
    }

    /// <summary>One bounce of every live path; returns the lanes whose path ended (escaped, absorbed or at max depth).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Bounce(
        Vector256<float> live,
        ref Float3Packet origin,
        ref Float3Packet direction,
        ref Float3Packet throughput,
        ref Float3Packet radiance,
        ref Vector256<int> depth,
        ref Vector256<uint> state)
    {
        var o = origin;
        var d = direction;
        var distance = Intersect(o, d, out var id, out var light);
        var hit = live & Vector256.LessThan(distance, Vector256.Create(SurfaceHit.Miss));

        var emitting = hit & light;
        if (emitting.ExtractMostSignificantBits() != 0)
        {
            var emission = Float3Packet.Broadcast(17f, 12f, 4f);
            radiance = Float3Packet.Select(emitting, radiance + (throughput * emission), radiance);
        }

        var point = o + (d * distance);
        var sphere = Vector256.GreaterThanOrEqual(id, Vector256.Create(MirrorId)).AsSingle();
        var glass = Vector256.Equals(id, Vector256.Create(GlassId)).AsSingle();
        var planeNormal = new Float3Packet(
            Avx2.PermuteVar8x32(Vector256.Create(1f, -1f, 0f, 0f, 0f, 0f, 0f, 0f), id),
            Avx2.PermuteVar8x32(Vector256.Create(0f, 0f, 1f, -1f, 0f, 0f, 0f, 0f), id),
            Avx2.PermuteVar8x32(Vector256.Create(0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f), id));
        var n = planeNormal;
        if ((sphere & hit).ExtractMostSignificantBits() != 0)
        {
            var center = Float3Packet.Select(glass, Float3Packet.Broadcast(0.7f, 0.2f, 0.6f), Float3Packet.Broadcast(0.3f, 0.2f, 0.35f));
            var sphereNormal = (o + (d * distance) - center) * Vector256.Create(1f / SphereRadius);
            n = Float3Packet.Select(sphere, sphereNormal, planeNormal);
        }

        var albedo = new Float3Packet(
            Avx2.PermuteVar8x32(Vector256.Create(0.63f, 0.14f, 0.725f, 0.725f, 0.725f, 0.999f, 0.999f, 0f), id),
            Avx2.PermuteVar8x32(Vector256.Create(0.065f, 0.45f, 0.71f, 0.71f, 0.71f, 0.999f, 0.999f, 0f), id),
            Avx2.PermuteVar8x32(Vector256.Create(0.05f, 0.091f, 0.68f, 0.68f, 0.68f, 0.999f, 0.999f, 0f), id));

        // Scatter, as NaivePathTracer.Scatter: diffuse for planes, mirror reflection, or glass.
        var nDotD = Float3Packet.Dot(n, d);
        var entering = Vector256.LessThan(nDotD, Vector256<float>.Zero);
        var facing = Float3Packet.Select(entering, n, n * Vector256.Create(-1f));
        var reflected = d - (n * (Vector256.Create(2f) * nDotD));
        var scattered = reflected;

        var diffuse = Vector256.AndNot(hit, sphere);
        if (diffuse.ExtractMostSignificantBits() != 0)
        {
            scattered = Float3Packet.Select(diffuse, CosineSample(facing, diffuse, ref state), scattered);
        }

        var glassHit = hit & glass;
        if (glassHit.ExtractMostSignificantBits() != 0)
        {
            scattered = Float3Packet.Select(glassHit, Refract(d, n, facing, reflected, entering, glassHit, ref state), scattered);
        }

        throughput *= albedo;

        // Russian roulette from bounce 3, drawing only in the lanes whose scalar path would draw.
        var roulette = hit & Vector256.GreaterThanOrEqual(depth, Vector256.Create(3)).AsSingle();
        var killed = Vector256<float>.Zero;
        if (roulette.ExtractMostSignificantBits() != 0)
        {
            var survive = throughput.MaxComponent();
            var u = PcgHashPacket.NextFloat(ref state, roulette);
            killed = roulette & Vector256.GreaterThanOrEqual(u, survive);
            throughput = Float3Packet.Select(roulette, throughput * (Vector256<float>.One / survive), throughput);
        }

        origin = point;
        direction = scattered;
        depth -= hit.AsInt32();
        var maxed = Vector256.Equals(depth, Vector256.Create(NaivePathTracer.MaxBounces)).AsSingle();
        return live & (Vector256.AndNot(Vector256<float>.AllBitsSet, hit) | killed | maxed);
    }

    /// <summary>The nearest hit of each lane: distance (≥ <see cref="SurfaceHit.Miss"/> when none), object id, and
    /// whether the hit lies on the light.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Intersect(Float3Packet o, Float3Packet d, out Vector256<int> id, out Vector256<float> light)
    {
        // CornellSpheres.Intersect skips planes parallel to the ray; here their distance is ±∞ or NaN, which the
        // (ordered) comparisons below reject just the same.
        var best = Vector256.Create(SurfaceHit.Miss);
        var epsilon = Vector256.Create(Epsilon);
        var oneV = Vector256<float>.One;
        id = Vector256.Create(7);
        light = Vector256<float>.Zero;

        Accept(-o.X / d.X, 0, epsilon, ref best, ref id, ref light);
        Accept((oneV - o.X) / d.X, 1, epsilon, ref best, ref id, ref light);
        Accept(-o.Y / d.Y, 2, epsilon, ref best, ref id, ref light);
        var ceiling = (oneV - o.Y) / d.Y;
        var onCeiling = Accept(ceiling, 3, epsilon, ref best, ref id, ref light);
        if (onCeiling.ExtractMostSignificantBits() != 0)
        {
            var px = o.X + (d.X * ceiling);
            var pz = o.Z + (d.Z * ceiling);
            var low = Vector256.Create(0.38f);
            var high = Vector256.Create(0.62f);
            var inLight = Vector256.GreaterThan(px, low) & Vector256.LessThan(px, high)
                & Vector256.GreaterThan(pz, low) & Vector256.LessThan(pz, high);
            light = onCeiling & inLight;
        }

        Accept(-o.Z / d.Z, 4, epsilon, ref best, ref id, ref light);
        Sphere(o, d, Float3Packet.Broadcast(0.3f, 0.2f, 0.35f), MirrorId, epsilon, ref best, ref id, ref light);
        Sphere(o, d, Float3Packet.Broadcast(0.7f, 0.2f, 0.6f), GlassId, epsilon, ref best, ref id, ref light);
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Accept(
        Vector256<float> t, int objectId, Vector256<float> epsilon, ref Vector256<float> best, ref Vector256<int> id,
        ref Vector256<float> light)
    {
        var closer = Vector256.GreaterThan(t, epsilon) & Vector256.LessThan(t, best);
        best = Vector256.ConditionalSelect(closer, t, best);
        id = Vector256.ConditionalSelect(closer.AsInt32(), Vector256.Create(objectId), id);
        light = Vector256.AndNot(light, closer);
        return closer;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sphere(
        Float3Packet o, Float3Packet d, Float3Packet center, int objectId, Vector256<float> epsilon, ref Vector256<float> best,
        ref Vector256<int> id, ref Vector256<float> light)
    {
        var oc = o - center;
        var b = Float3Packet.Dot(oc, d);
        var c = Float3Packet.Dot(oc, oc) - Vector256.Create(SphereRadius * SphereRadius);
        var discriminant = (b * b) - c;
        var crossing = Vector256.GreaterThan(discriminant, Vector256<float>.Zero);
        if (crossing.ExtractMostSignificantBits() == 0)
        {
            return;
        }

        var root = Vector256.Sqrt(discriminant);
        var near = -b - root;
        var t = Vector256.ConditionalSelect(Vector256.GreaterThan(near, epsilon), near, -b + root);
        var closer = crossing & Vector256.GreaterThan(t, epsilon) & Vector256.LessThan(t, best);
        best = Vector256.ConditionalSelect(closer, t, best);
        id = Vector256.ConditionalSelect(closer.AsInt32(), Vector256.Create(objectId), id);
        light = Vector256.AndNot(light, closer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3Packet CosineSample(Float3Packet w, Vector256<float> draw, ref Vector256<uint> state)
    {
        var turns = PcgHashPacket.NextFloat(ref state, draw);
        var r2 = PcgHashPacket.NextFloat(ref state, draw);
        var radius = Vector256.Sqrt(r2);
        var useY = Vector256.GreaterThan(Vector256.Abs(w.X), Vector256.Create(0.1f));
        var axis = new Float3Packet(
            Vector256.ConditionalSelect(useY, Vector256<float>.Zero, Vector256<float>.One),
            Vector256.ConditionalSelect(useY, Vector256<float>.One, Vector256<float>.Zero),
            Vector256<float>.Zero);
        var u = Float3Packet.Normalize(Float3Packet.Cross(axis, w));
        var v = Float3Packet.Cross(w, u);
        var sin = TurnTrigPacket.SinCos(turns, out var cos);
        return Float3Packet.Normalize((u * (cos * radius)) + (v * (sin * radius)) + (w * Vector256.Sqrt(Vector256<float>.One - r2)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3Packet Refract(
        Float3Packet d, Float3Packet n, Float3Packet facing, Float3Packet reflected, Vector256<float> entering, Vector256<float> glass,
        ref Vector256<uint> state)
    {
        var eta = Vector256.ConditionalSelect(
            entering, Vector256.Create(NaivePathTracer.EtaEntering), Vector256.Create(NaivePathTracer.EtaLeaving));
        var cosIncident = Float3Packet.Dot(d, facing);
        var oneV = Vector256<float>.One;
        var cos2Transmitted = oneV - (eta * eta * (oneV - (cosIncident * cosIncident)));
        var total = Vector256.LessThan(cos2Transmitted, Vector256<float>.Zero);
        var side = Vector256.ConditionalSelect(entering, oneV, Vector256.Create(-1f));
        var transmitted = Float3Packet.Normalize((d * eta) - (n * (side * ((cosIncident * eta) + Vector256.Sqrt(cos2Transmitted)))));
        var c = oneV - Vector256.ConditionalSelect(entering, -cosIncident, Float3Packet.Dot(transmitted, n));
        // (1 − F0) is folded at compile time in the scalar code; use the same constant here.
        var fresnel = Vector256.Create(NaivePathTracer.F0) + (Vector256.Create(1f - NaivePathTracer.F0) * c * c * c * c * c);
        var u = PcgHashPacket.NextFloat(ref state, Vector256.AndNot(glass, total));
        var choice = Float3Packet.Select(Vector256.LessThan(u, fresnel), reflected, transmitted);
        return Float3Packet.Select(total, reflected, choice);
    }
}
