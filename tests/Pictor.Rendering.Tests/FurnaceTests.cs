using Pictor.Rendering.Devices;
using Pictor.Rendering.Kernels;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Tests;

/// <summary>White furnace: a white object under a uniform white sky must not come out brighter than the sky
/// (energy conservation), and lossless materials must come out exactly as bright.</summary>
public sealed class FurnaceTests
{
    public static TheoryData<string, float, float> Materials => new()
    {
        // name, lowest allowed mean, highest allowed mean
        { "lambert", 1f, 1f },
        { "mirror", 0.999f, 1f },
        { "smooth-glass", 0.97f, 1f },
        { "rough-metal", 0.85f, 1.005f },
        { "rough-glass", 0.8f, 1.005f },
        { "plastic", 0.9f, 1.03f },
        { "rough-plastic", 0.9f, 1.03f },
    };

    [Theory]
    [Trait("Suite", "fast")]
    [MemberData(nameof(Materials))]
    public void Sphere_UnderUniformWhiteSky_ReflectsNoMoreThanItReceives(string name, float low, float high)
    {
        var draft = new SceneDraft { Background = Float3.One };
        draft.Materials.Add(Material(name));
        draft.Spheres.Add(new SphereData(Float3.Zero, 1f, 0));
        draft.Cameras.Add(
            new PackageCamera { Name = "c", Node = -1, TanHalfFovY = 0.3f, Aspect = 1f, Eye = [0f, 0f, 4f], Target = [0f, 0f, 0f] });
        var scene = TestScenes.Frame(draft, new RenderSettings(Integrator.Full, MaxBounces: 64));
        using var device = new ManagedCpuDevice("t", 2);
        var rgb = TestScenes.Render(device, scene, FrameParameters.Create(12, 12, 64, seed: 1, frame: 0));
        double mean = TestScenes.Mean(rgb);
        Assert.InRange(mean, low - 1e-5, high + 1e-5);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("lambert")]
    [InlineData("rough-metal")]
    [InlineData("very-rough-glass")]
    [InlineData("rough-plastic")]
    [InlineData("half-metal")]
    public void Sample_WeightsAgreeWithEvaluateOverTheSphere(string name)
    {
        // E[weight] of BSDF sampling must equal ∫ f·|cos| estimated with uniform directions: that checks Sample,
        // Evaluate and the mixture pdf against each other, lobe by lobe. (Glass is tested very rough: a peaked
        // refraction lobe makes the uniform estimate too noisy to compare.)
        var random = new Random(3);
        var material = Material(name);
        foreach (float cosTheta in new[] { 0.9f, 0.5f, 0.15f })
        {
            var wo = new Float3(MathF.Sqrt(1f - (cosTheta * cosTheta)), 0f, cosTheta);
            var s = Shading(material);
            GltfBsdf.Prepare(ref s, wo);
            const int n = 200_000;
            double sampled = 0, uniform = 0;
            uint state = 12345;
            for (int i = 0; i < n; i++)
            {
                if (GltfBsdf.Sample(s, wo, ref state, out var sample))
                {
                    sampled += sample.Weight.X;
                }

                float z = (float)((random.NextDouble() * 2) - 1);
                float phi = (float)(random.NextDouble() * 2 * Math.PI);
                float r = MathF.Sqrt(MathF.Max(0f, 1f - (z * z)));
                var wi = new Float3(r * MathF.Cos(phi), r * MathF.Sin(phi), z);
                var f = GltfBsdf.Evaluate(s, wo, wi, out _);
                uniform += f.X * MathF.Abs(wi.Z) * 4 * Math.PI;
            }

            sampled /= n;
            uniform /= n;
            Assert.True(
                Math.Abs(sampled - uniform) <= (0.03 * uniform) + 0.005, $"{name} at cos {cosTheta}: sampled {sampled}, uniform {uniform}");
            Assert.True(sampled <= 1.03, $"{name} at cos {cosTheta}: albedo {sampled}");
        }
    }

    private static SurfaceShading Shading(MaterialData m)
    {
        var s = new SurfaceShading
        {
            GeometricNormal = new Float3(0f, 0f, 1f),
            Normal = new Float3(0f, 0f, 1f),
            Tangent = new Float3(1f, 0f, 0f),
            Bitangent = new Float3(0f, 1f, 0f),
            BaseColor = m.BaseColor,
            Metallic = m.Metallic,
            Alpha = m.Roughness * m.Roughness,
            Delta = m.Roughness * m.Roughness < GltfBsdf.DeltaAlpha,
            Transmission = m.Transmission,
            EtaOutside = 1f,
            EtaInside = m.Ior,
            Specular = (m.Flags & MaterialFlags.NoSpecular) != 0 ? 0f : 1f,
        };
        return s;
    }

    private static MaterialData Material(string name)
    {
        var m = new MaterialData { BaseColor = Float3.One, Ior = 1.5f, BaseColorTexture = -1, Roughness = 1f };
        switch (name)
        {
            case "lambert":
                m = MaterialData.Lambert(Float3.One);
                break;
            case "mirror":
                m.Metallic = 1f;
                m.Roughness = 0f;
                break;
            case "smooth-glass":
                m.Transmission = 1f;
                m.Roughness = 0f;
                break;
            case "rough-metal":
                m.Metallic = 1f;
                m.Roughness = 0.5f;
                break;
            case "rough-glass":
                m.Transmission = 1f;
                m.Roughness = 0.4f;
                break;
            case "plastic":
                m.Roughness = 0.05f;
                break;
            case "very-rough-glass":
                m.Transmission = 1f;
                m.Roughness = 0.8f;
                break;
            case "rough-plastic":
                m.Roughness = 0.6f;
                break;
            case "half-metal":
                m.Metallic = 0.5f;
                m.Roughness = 0.3f;
                break;
        }

        return m;
    }
}
