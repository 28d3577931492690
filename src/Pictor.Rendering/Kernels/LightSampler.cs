using System.Runtime.CompilerServices;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary>Next-event estimation: picks one light of the frame's light list by power and traces a shadow ray.
/// Emitting triangles are weighted against BSDF sampling by the power heuristic; punctual lights cannot be hit by
/// BSDF sampling and count in full. Kernel code.</summary>
public static class LightSampler
{
    /// <summary>The direct light at a shading point, from one light chosen in proportion to its power.</summary>
    /// <typeparam name="TScene">The scene access.</typeparam>
    /// <param name="scene">The scene.</param>
    /// <param name="s">The shading point (probabilities prepared).</param>
    /// <param name="position">World position.</param>
    /// <param name="wo">Unit direction towards the viewer.</param>
    /// <param name="state">The path's random state (three draws).</param>
    /// <returns>Radiance towards <paramref name="wo"/>, before the path throughput.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Float3 SampleDirect<TScene>(in TScene scene, in SurfaceShading s, Float3 position, Float3 wo, ref uint state)
        where TScene : struct, ISceneData
    {
        float pick = PcgHash.NextFloat(ref state);
        float u1 = PcgHash.NextFloat(ref state);
        float u2 = PcgHash.NextFloat(ref state);
        int emitters = scene.Constants.EmitterCount;
        int count = emitters + scene.Constants.LightCount;
        int index = FindEntry(scene, count, pick);
        float pmf = scene.LightCdf(index + 1) - scene.LightCdf(index);
        if (!(pmf > 0f))
        {
            return Float3.Zero;
        }

        Float3 wi;
        Float3 incoming;
        float distance;
        float misWeight = 1f;
        float pdf = pmf;
        if (index < emitters)
        {
            var emitter = scene.Emitter(index);
            float root = MathF.Sqrt(u1);
            var point = emitter.V0 + (emitter.E1 * (1f - root)) + (emitter.E2 * (u2 * root));
            var toLight = point - position;
            float distanceSquared = Float3.Dot(toLight, toLight);
            distance = MathF.Sqrt(distanceSquared);
            if (!(distance > 0f))
            {
                return Float3.Zero;
            }

            wi = toLight * (1f / distance);
            float cosLight = -Float3.Dot(wi, emitter.Normal);
            if (emitter.DoubleSided != 0)
            {
                cosLight = MathF.Abs(cosLight);
            }

            if (cosLight <= 1e-6f)
            {
                return Float3.Zero;
            }

            pdf = pmf * distanceSquared / (emitter.Area * cosLight);
            incoming = emitter.Emission;
            var material = scene.Material(emitter.Material);
            if ((material.Flags & MaterialFlags.EmissiveTexture) != 0)
            {
                // The point's barycentrics are (1 − b − c, b, c) with b = 1 − √u1 and c = u2·√u1, as drawn above.
                var info = scene.TriangleInfo(emitter.Triangle);
                var a = scene.Vertex(info.A);
                var b = scene.Vertex(info.B);
                var cv = scene.Vertex(info.C);
                float wb = 1f - root, wc = u2 * root, wa = 1f - wb - wc;
                float u = (a.U * wa) + (b.U * wb) + (cv.U * wc);
                float v = (a.V * wa) + (b.V * wb) + (cv.V * wc);
                incoming = incoming * TextureSampler.Sample(scene, material.EmissiveTexture, u, v, srgb: true);
            }

            distance *= 0.999f;
        }
        else
        {
            var light = scene.Light(index - emitters);
            if (light.Kind == LightKind.Directional)
            {
                wi = -light.Direction;
                incoming = light.Intensity;
                distance = SceneIntersector.Miss;
            }
            else
            {
                var toLight = light.Position - position;
                float distanceSquared = Float3.Dot(toLight, toLight);
                distance = MathF.Sqrt(distanceSquared);
                if (!(distance > 0f))
                {
                    return Float3.Zero;
                }

                wi = toLight * (1f / distance);
                float attenuation = 1f / distanceSquared;
                if (light.Kind == LightKind.Spot)
                {
                    attenuation *= SpotFalloff(light, -Float3.Dot(wi, light.Direction));
                }

                incoming = light.Intensity * attenuation;
                distance *= 0.999f;
            }
        }

        var f = GltfBsdf.Evaluate(s, wo, wi, out float bsdfPdf);
        float cos = MathF.Abs(Float3.Dot(s.Normal, wi));
        if (cos <= 0f || (f.X <= 0f && f.Y <= 0f && f.Z <= 0f))
        {
            return Float3.Zero;
        }

        if (index < emitters)
        {
            misWeight = PowerHeuristic(pdf, bsdfPdf);
        }

        var origin = FullPathTracer.Offset(position, s.GeometricNormal, Float3.Dot(wi, s.GeometricNormal) < 0f);
        if (SceneIntersector.Occluded(scene, origin, wi, distance))
        {
            return Float3.Zero;
        }

        return f * incoming * (cos * misWeight / pdf);
    }

    /// <summary>The solid-angle pdf with which <see cref="SampleDirect"/> would pick a point on an emitting triangle.</summary>
    /// <param name="constants">The frame's scalars.</param>
    /// <param name="emission">The triangle's emitted radiance.</param>
    /// <param name="doubleSided">Whether it emits from both faces.</param>
    /// <param name="distance">Distance from the shading point.</param>
    /// <param name="cosLight">|cos| between the ray and the triangle's normal.</param>
    /// <returns>The pdf.</returns>
    /// <remarks>An emitter's selection weight is luminance × area × sides, so the area cancels against the uniform
    /// area density and need not be known at a BSDF-sampled hit.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float EmitterPdf(in SceneConstants constants, Float3 emission, bool doubleSided, float distance, float cosLight)
    {
        if (!(constants.TotalLightPower > 0f) || cosLight <= 1e-6f)
        {
            return 0f;
        }

        float weight = emission.Luminance() * (doubleSided ? 2f : 1f);
        return weight / constants.TotalLightPower * distance * distance / cosLight;
    }

    /// <summary>The power heuristic (β = 2) weight of a technique with pdf <paramref name="a"/> against <paramref name="b"/>.</summary>
    /// <param name="a">Pdf of the technique that drew the sample.</param>
    /// <param name="b">Pdf of the other technique.</param>
    /// <returns>a² / (a² + b²).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float PowerHeuristic(float a, float b)
    {
        float a2 = a * a;
        float b2 = b * b;
        return a2 + b2 > 0f ? a2 / (a2 + b2) : 0f;
    }

    /// <summary>glTF's smooth spot cone: 0 outside the outer cone, 1 inside the inner one, squared ramp between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SpotFalloff(in PunctualLight light, float cosAngle)
    {
        float scale = 1f / MathF.Max(1e-3f, light.CosInner - light.CosOuter);
        float t = (cosAngle - light.CosOuter) * scale;
        t = t < 0f ? 0f : (t > 1f ? 1f : t);
        return t * t;
    }

    /// <summary>Binary search: the entry i with cdf[i] ≤ u &lt; cdf[i + 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindEntry<TScene>(in TScene scene, int count, float u)
        where TScene : struct, ISceneData
    {
        int low = 0;
        int high = count - 1;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (scene.LightCdf(mid) <= u)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
