using System.Runtime.CompilerServices;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary>Pure path tracing of <see cref="CornellSpheres"/>: the estimator of the speed anchors.</summary>
/// <remarks>
/// No light sampling; up to <see cref="MaxBounces"/> bounces; Russian roulette from bounce 3 with survival
/// probability max(throughput); cosine-weighted diffuse sampling. This code runs unchanged inside ILGPU kernels
/// (CUDA and CPU accelerators) and in the managed CPU device, so it must stay free of classes, arrays and
/// allocations.
/// </remarks>
public static class NaivePathTracer
{
    /// <summary>Maximum path length.</summary>
    public const int MaxBounces = 8;

    /// <summary>Index of refraction outside the glass sphere.</summary>
    internal const float OutsideIor = 1f;

    /// <summary>Index of refraction of the glass sphere.</summary>
    internal const float InsideIor = 1.5f;

    /// <summary>Relative IOR of a ray entering the glass.</summary>
    internal const float EtaEntering = OutsideIor / InsideIor;

    /// <summary>Relative IOR of a ray leaving the glass.</summary>
    internal const float EtaLeaving = InsideIor / OutsideIor;

    /// <summary>Fresnel–Schlick reflectance at normal incidence.</summary>
    internal const float F0 = (InsideIor - OutsideIor) * (InsideIor - OutsideIor) / ((InsideIor + OutsideIor) * (InsideIor + OutsideIor));

    /// <summary>Renders one pixel: the mean of its samples.</summary>
    /// <param name="frame">Frame size, samples and random key.</param>
    /// <param name="x">Pixel column in the frame.</param>
    /// <param name="y">Pixel row in the frame.</param>
    /// <returns>Linear RGB radiance.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Float3 RenderPixel(in FrameParameters frame, int x, int y)
    {
        uint pixelIndex = (uint)((y * frame.Width) + x);
        float invWidth = 1f / frame.Width;
        float invHeight = 1f / frame.Height;
        var eye = CornellSpheres.Eye;
        var sum = Float3.Zero;
        for (int s = 0; s < frame.SamplesPerPixel; s++)
        {
            uint state = PcgHash.PathState(frame.FrameKey, pixelIndex, (uint)s);
            float fx = ((x + PcgHash.NextFloat(ref state)) * invWidth) - 0.5f;
            float fy = 0.5f - ((y + PcgHash.NextFloat(ref state)) * invHeight);
            var direction = Float3.Normalize(new Float3(fx * CornellSpheres.FilmScale, fy * CornellSpheres.FilmScale, -1f));
            sum += Radiance(eye, direction, ref state);
        }

        return sum * (1f / frame.SamplesPerPixel);
    }

    /// <summary>Traces one path from <paramref name="origin"/> along <paramref name="direction"/>.</summary>
    /// <param name="origin">Ray origin.</param>
    /// <param name="direction">Unit ray direction.</param>
    /// <param name="state">The path's random state.</param>
    /// <returns>The radiance carried back along the ray.</returns>
    /// <remarks>Fully optimized at first JIT: tiered compilation's tier 0 runs this loop 3× slower.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Float3 Radiance(Float3 origin, Float3 direction, ref uint state)
    {
        var radiance = Float3.Zero;
        var throughput = Float3.One;
        for (int depth = 0; depth < MaxBounces; depth++)
        {
            var hit = CornellSpheres.Intersect(origin, direction);
            if (hit.Distance >= SurfaceHit.Miss)
            {
                break;
            }

            radiance += throughput * hit.Emission;
            var point = origin + (direction * hit.Distance);
            direction = Scatter(hit, direction, ref state);
            throughput *= hit.Albedo;
            if (depth >= 3)
            {
                float survive = throughput.MaxComponent();
                if (PcgHash.NextFloat(ref state) >= survive)
                {
                    break;
                }

                throughput *= 1f / survive;
            }

            origin = point;
        }

        return radiance;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3 Scatter(in SurfaceHit hit, Float3 direction, ref uint state)
    {
        var n = hit.Normal;
        bool entering = Float3.Dot(n, direction) < 0f;
        var facing = entering ? n : n * -1f;
        var reflected = direction - (n * (2f * Float3.Dot(n, direction)));
        if (hit.Material == MaterialKind.Diffuse)
        {
            return CosineSample(facing, ref state);
        }

        if (hit.Material == MaterialKind.Mirror)
        {
            return reflected;
        }

        return Refract(direction, n, facing, reflected, entering, ref state);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3 CosineSample(Float3 w, ref uint state)
    {
        // The azimuth is drawn in turns and fed to TurnTrig rather than MathF.Sin/Cos: the packet tracer evaluates the
        // same polynomial lane by lane, which keeps the two paths bit-identical.
        float turns = PcgHash.NextFloat(ref state);
        float r2 = PcgHash.NextFloat(ref state);
        float radius = MathF.Sqrt(r2);
        var axis = MathF.Abs(w.X) > 0.1f ? new Float3(0f, 1f, 0f) : new Float3(1f, 0f, 0f);
        var u = Float3.Normalize(Float3.Cross(axis, w));
        var v = Float3.Cross(w, u);
        float sin = TurnTrig.SinCos(turns, out float cos);
        return Float3.Normalize((u * (cos * radius)) + (v * (sin * radius)) + (w * MathF.Sqrt(1f - r2)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3 Refract(Float3 d, Float3 n, Float3 facing, Float3 reflected, bool entering, ref uint state)
    {
        float eta = entering ? EtaEntering : EtaLeaving;
        float cosIncident = Float3.Dot(d, facing);
        float cos2Transmitted = 1f - (eta * eta * (1f - (cosIncident * cosIncident)));
        if (cos2Transmitted < 0f)
        {
            return reflected;
        }

        var transmitted = Float3.Normalize((d * eta) - (n * ((entering ? 1f : -1f) * ((cosIncident * eta) + MathF.Sqrt(cos2Transmitted)))));
        float c = 1f - (entering ? -cosIncident : Float3.Dot(transmitted, n));
        float fresnel = F0 + ((1f - F0) * c * c * c * c * c);
        return PcgHash.NextFloat(ref state) < fresnel ? reflected : transmitted;
    }
}
