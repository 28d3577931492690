using System.Runtime.CompilerServices;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary>The production estimator: path tracing over a frame scene with the glTF BSDF, next-event estimation
/// on emitting triangles and punctual lights combined with BSDF sampling by MIS, and Russian roulette.</summary>
/// <remarks>
/// With <see cref="SceneConstants.LightSampling"/> = 0 it is pure path tracing (emission found by BSDF sampling only;
/// punctual lights then contribute nothing). Randomness follows the renderer's rule: each sample's stream is
/// <see cref="PcgHash.PathState"/> of (frame key, frame-global pixel index, sample), so any tiling renders the same
/// image. Kernel code: no classes, arrays or allocations.
/// </remarks>
public static class FullPathTracer
{
    /// <summary>Bounce from which Russian roulette may end a path.</summary>
    public const int RouletteDepth = 3;

    /// <summary>Renders one pixel: the mean of its samples.</summary>
    /// <typeparam name="TScene">The scene access.</typeparam>
    /// <param name="scene">The frame scene.</param>
    /// <param name="frame">Frame size, samples and random key.</param>
    /// <param name="x">Pixel column in the frame.</param>
    /// <param name="y">Pixel row in the frame.</param>
    /// <returns>Linear RGB radiance.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Float3 RenderPixel<TScene>(in TScene scene, in FrameParameters frame, int x, int y)
        where TScene : struct, ISceneData
    {
        var c = scene.Constants;
        uint pixelIndex = (uint)((y * frame.Width) + x);
        float invWidth = 1f / frame.Width;
        float invHeight = 1f / frame.Height;
        float aspect = c.Aspect > 0f ? c.Aspect : (float)frame.Width / frame.Height;
        float scaleX = c.TanHalfFovY * aspect * 2f;
        float scaleY = c.TanHalfFovY * 2f;
        var sum = Float3.Zero;
        for (int s = 0; s < frame.SamplesPerPixel; s++)
        {
            uint state = PcgHash.PathState(frame.FrameKey, pixelIndex, (uint)s);
            float fx = ((x + PcgHash.NextFloat(ref state)) * invWidth) - 0.5f;
            float fy = 0.5f - ((y + PcgHash.NextFloat(ref state)) * invHeight);
            var direction = Float3.Normalize(c.Forward + (c.Right * (fx * scaleX)) + (c.Up * (fy * scaleY)));
            var radiance = Radiance(scene, c.Eye, direction, ref state);

            // A rare NaN or infinity (degenerate geometry) would poison the pixel; drop that sample instead.
            if (radiance.X + radiance.Y + radiance.Z < 1e30f)
            {
                sum += radiance;
            }
        }

        return sum * (1f / frame.SamplesPerPixel);
    }

    /// <summary>Traces one path.</summary>
    /// <typeparam name="TScene">The scene access.</typeparam>
    /// <param name="scene">The frame scene.</param>
    /// <param name="origin">Ray origin.</param>
    /// <param name="direction">Unit ray direction.</param>
    /// <param name="state">The path's random state.</param>
    /// <returns>The radiance carried back along the ray.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Float3 Radiance<TScene>(in TScene scene, Float3 origin, Float3 direction, ref uint state)
        where TScene : struct, ISceneData
    {
        var c = scene.Constants;
        bool lightSampling = c.LightSampling != 0 && c.EmitterCount + c.LightCount > 0;
        var radiance = Float3.Zero;
        var throughput = Float3.One;
        float previousPdf = 0f;
        bool previousDelta = true;
        for (int depth = 0; depth < c.MaxBounces; depth++)
        {
            var hit = SceneIntersector.Intersect(scene, origin, direction, SceneIntersector.Miss);
            if (hit.Primitive < 0)
            {
                radiance += throughput * c.Background;
                break;
            }

            var position = origin + (direction * hit.T);
            var wo = -direction;
            var shading = Shade(scene, hit, position, wo, out var emission, out var emissionFactor, out bool doubleSided, out float cosHit);
            if (emission.X > 0f || emission.Y > 0f || emission.Z > 0f)
            {
                float weight = 1f;
                if (lightSampling && !previousDelta && hit.Instance >= 0)
                {
                    // The light list picks emitters by their untextured emission: price the hit the same way.
                    weight = LightSampler.PowerHeuristic(
                        previousPdf, LightSampler.EmitterPdf(c, emissionFactor, doubleSided, hit.T, cosHit));
                }

                radiance += throughput * emission * weight;
            }

            GltfBsdf.Prepare(ref shading, wo);

            // A light sample here makes a path one segment longer than this bounce: none at the last bounce, so both
            // estimators sum the same set of paths (at most MaxBounces segments) and converge to the same image.
            if (lightSampling && depth + 1 < c.MaxBounces && GltfBsdf.HasSmoothLobes(shading))
            {
                radiance += throughput * LightSampler.SampleDirect(scene, shading, position, wo, ref state);
            }

            if (!GltfBsdf.Sample(shading, wo, ref state, out var sample))
            {
                break;
            }

            throughput *= sample.Weight;
            previousPdf = sample.Pdf;
            previousDelta = sample.Delta;
            if (depth >= RouletteDepth)
            {
                float survive = MathF.Min(1f, throughput.MaxComponent());
                if (!(PcgHash.NextFloat(ref state) < survive))
                {
                    break;
                }

                throughput *= 1f / survive;
            }

            origin = Offset(position, shading.GeometricNormal, sample.Transmitted);
            direction = sample.Direction;
        }

        return radiance;
    }

    /// <summary>Moves a ray origin off the surface, to the side the new ray leaves towards.</summary>
    /// <param name="position">The hit point.</param>
    /// <param name="normal">Geometric normal on the incoming side.</param>
    /// <param name="below">Whether the new ray crosses the surface.</param>
    /// <returns>The offset origin.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float3 Offset(Float3 position, Float3 normal, bool below)
    {
        float scale = 1e-4f * (1f + MathF.Max(MathF.Abs(position.X), MathF.Max(MathF.Abs(position.Y), MathF.Abs(position.Z))));
        return position + (normal * (below ? -scale : scale));
    }

    /// <summary>Builds the shading point of a hit: normals turned to the viewer, textured base colour, IORs per side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SurfaceShading Shade<TScene>(
        in TScene scene, in HitRecord hit, Float3 position, Float3 wo, out Float3 emission, out Float3 emissionFactor, out bool doubleSided,
        out float cosHit)
        where TScene : struct, ISceneData
    {
        Float3 geometric;
        Float3 normal;
        float u = 0f, v = 0f;
        int materialIndex;
        if (hit.Instance >= 0)
        {
            var instance = scene.Instance(hit.Instance);
            var triangle = scene.Triangle(hit.Primitive);
            var info = scene.TriangleInfo(hit.Primitive);
            geometric = Float3.Normalize(instance.WorldToLocal.TransposedVector(Float3.Cross(triangle.E1, triangle.E2)));
            var a = scene.Vertex(info.A);
            var b = scene.Vertex(info.B);
            var cv = scene.Vertex(info.C);
            float w = 1f - hit.U - hit.V;
            var interpolated = (a.Normal * w) + (b.Normal * hit.U) + (cv.Normal * hit.V);
            normal = instance.WorldToLocal.TransposedVector(interpolated);
            float length = Float3.Length(normal);
            normal = length > 0f ? normal * (1f / length) : geometric;
            u = (a.U * w) + (b.U * hit.U) + (cv.U * hit.V);
            v = (a.V * w) + (b.V * hit.U) + (cv.V * hit.V);
            materialIndex = info.Material;
        }
        else
        {
            var sphere = scene.Sphere(hit.Primitive);
            geometric = Float3.Normalize(position - sphere.Center);
            normal = geometric;
            materialIndex = sphere.Material;
        }

        var material = scene.Material(materialIndex);
        float facing = Float3.Dot(wo, geometric);
        bool front = facing >= 0f;
        cosHit = MathF.Abs(facing);
        doubleSided = (material.Flags & MaterialFlags.DoubleSided) != 0;
        emissionFactor = front || doubleSided ? material.Emission : Float3.Zero;
        emission = emissionFactor;
        if ((material.Flags & MaterialFlags.EmissiveTexture) != 0 && (emission.X > 0f || emission.Y > 0f || emission.Z > 0f))
        {
            emission = emission * TextureSampler.Sample(scene, material.EmissiveTexture, u, v, srgb: true);
        }
        if (!front)
        {
            geometric = -geometric;
            normal = -normal;
        }

        if (Float3.Dot(normal, wo) <= 1e-4f)
        {
            normal = geometric;
        }

        var shading = default(SurfaceShading);
        shading.GeometricNormal = geometric;
        shading.Normal = normal;
        OrthonormalBasis(normal, out shading.Tangent, out shading.Bitangent);
        shading.BaseColor = material.BaseColorTexture >= 0
            ? material.BaseColor * TextureSampler.Sample(scene, material.BaseColorTexture, u, v, srgb: true)
            : material.BaseColor;
        float metallic = material.Metallic;
        float roughness = material.Roughness;
        if ((material.Flags & MaterialFlags.MetallicRoughnessTexture) != 0)
        {
            var texel = TextureSampler.Sample(scene, material.MetallicRoughnessTexture, u, v, srgb: false);
            roughness *= texel.Y;
            metallic *= texel.Z;
        }

        shading.Metallic = metallic;
        float alpha = roughness * roughness;
        shading.Delta = alpha < GltfBsdf.DeltaAlpha;
        shading.Alpha = alpha;
        shading.Transmission = material.Transmission;
        bool inside = !front && material.Transmission > 0f;
        shading.EtaOutside = inside ? material.Ior : 1f;
        shading.EtaInside = inside ? 1f : material.Ior;
        shading.Specular = (material.Flags & MaterialFlags.NoSpecular) != 0 ? 0f : 1f;
        return shading;
    }

    /// <summary>A tangent frame around a unit normal without branches on its orientation (Duff et al. 2017).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OrthonormalBasis(Float3 n, out Float3 tangent, out Float3 bitangent)
    {
        float sign = n.Z >= 0f ? 1f : -1f;
        float a = -1f / (sign + n.Z);
        float b = n.X * n.Y * a;
        tangent = new Float3(1f + (sign * n.X * n.X * a), sign * b, -sign * n.X);
        bitangent = new Float3(b, sign + (n.Y * n.Y * a), -n.Y);
    }
}
