using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Kernels;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>A scene evaluated at one frame: instances placed by the animated hierarchy, their BVH, the world-space
/// light list with its selection CDF, and the camera. Rendered by <see cref="Devices.IRenderDevice"/>.</summary>
/// <remarks>Every array has at least one entry (a dummy where the scene has none), so device views are never empty.</remarks>
public sealed class FrameScene
{
    private FrameScene(SceneGeometry geometry, int frame, RenderSettings settings)
    {
        Geometry = geometry;
        Frame = frame;
        Settings = settings;
        var package = geometry.Package;
        float fps = package.FramesPerSecond > 0f ? package.FramesPerSecond : 24f;
        var world = NodeAnimator.WorldTransforms(package, frame / fps);

        var placed = new List<InstanceData>();
        var boxMin = new List<Float3>();
        var boxMax = new List<Float3>();
        foreach (var instance in package.Instances)
        {
            var toWorld = instance.Node >= 0 ? world[instance.Node] : Affine3.Identity;
            if (!(MathF.Abs(toWorld.Determinant()) > 1e-20f))
            {
                continue;
            }

            placed.Add(new InstanceData(toWorld.Inverse(), toWorld, geometry.MeshRoots[instance.Mesh], instance.Mesh));
            TransformBox(toWorld, geometry.MeshBoundsMin[instance.Mesh], geometry.MeshBoundsMax[instance.Mesh], out var lo, out var hi);
            boxMin.Add(lo);
            boxMax.Add(hi);
        }

        var tlas = BvhBuilder.Build([.. boxMin], [.. boxMax]);
        TlasNodes = tlas.Nodes;
        Instances = placed.Count > 0 ? [.. tlas.Order.Select(i => placed[i])] : [default];
        SceneBounds(geometry, placed.Count > 0 ? tlas.Nodes[0] : default, placed.Count > 0, out var sceneMin, out var sceneMax);
        float sceneRadius = MathF.Max(Float3.Length(sceneMax - sceneMin) * 0.5f, 1e-3f);

        var weights = new List<float>();
        Emitters = CollectEmitters(geometry, Instances, placed.Count, weights);
        int emitterCount = weights.Count;
        Lights = CollectLights(package, world, sceneRadius, weights);
        int lightCount = weights.Count - emitterCount;
        double total = weights.Sum(w => (double)w);
        LightCdf = new float[weights.Count + 1];
        double running = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            running += weights[i];
            LightCdf[i + 1] = total > 0 ? (float)(running / total) : 0f;
        }

        if (weights.Count > 0 && total > 0)
        {
            LightCdf[^1] = 1f;
        }

        var constants = new SceneConstants
        {
            Background = new Float3(package.Background[0], package.Background[1], package.Background[2]),
            InstanceCount = placed.Count,
            SphereCount = geometry.SphereCount,
            EmitterCount = emitterCount,
            LightCount = lightCount,
            TotalLightPower = (float)total,
            MaxBounces = settings.MaxBounces,
            LightSampling = settings.Integrator == Integrator.Full && total > 0 ? 1 : 0,
        };
        CameraName = SceneCamera.Place(package, world, settings.Camera, sceneMin, sceneMax, ref constants);
        Constants = constants;
        if (Emitters.Length == 0)
        {
            Emitters = [default];
        }

        if (Lights.Length == 0)
        {
            Lights = [default];
        }
    }

    /// <summary>The frame-independent arrays.</summary>
    public SceneGeometry Geometry { get; }

    /// <summary>The frame number this scene was evaluated at.</summary>
    public int Frame { get; }

    /// <summary>The settings it was evaluated with.</summary>
    public RenderSettings Settings { get; }

    /// <summary>The camera used.</summary>
    public string CameraName { get; }

    /// <summary>Per-frame scalars.</summary>
    public SceneConstants Constants { get; }

    /// <summary>Instance BVH nodes.</summary>
    public BvhNode[] TlasNodes { get; }

    /// <summary>Instances in TLAS leaf order.</summary>
    public InstanceData[] Instances { get; }

    /// <summary>World-space emitting triangles.</summary>
    public EmissiveTriangle[] Emitters { get; }

    /// <summary>World-space punctual lights.</summary>
    public PunctualLight[] Lights { get; }

    /// <summary>Selection CDF over emitters then lights.</summary>
    public float[] LightCdf { get; }

    /// <summary>Evaluates a scene at a frame.</summary>
    /// <param name="geometry">The scene's geometry.</param>
    /// <param name="frame">The frame number (time = frame / frames per second).</param>
    /// <param name="settings">Estimator, path length and camera.</param>
    /// <returns>The frame scene.</returns>
    /// <exception cref="ArgumentException">The named camera does not exist.</exception>
    public static FrameScene Create(SceneGeometry geometry, int frame, RenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBounces, 1);
        return new FrameScene(geometry, frame, settings);
    }

    private static EmissiveTriangle[] CollectEmitters(
        SceneGeometry geometry, InstanceData[] instances, int instanceCount, List<float> weights)
    {
        var emitters = new List<EmissiveTriangle>();
        for (int i = 0; i < instanceCount; i++)
        {
            var instance = instances[i];
            foreach (int t in geometry.MeshEmitters[instance.Mesh])
            {
                var triangle = geometry.Triangles[t];
                int materialIndex = geometry.TriangleInfos[t].Material;
                var material = geometry.Materials[materialIndex];
                var e1 = instance.LocalToWorld.Vector(triangle.E1);
                var e2 = instance.LocalToWorld.Vector(triangle.E2);
                float area = 0.5f * Float3.Length(Float3.Cross(e1, e2));
                var normal = instance.WorldToLocal.TransposedVector(Float3.Cross(triangle.E1, triangle.E2));
                if (!(area > 0f) || !(Float3.Length(normal) > 0f))
                {
                    continue;
                }

                bool doubleSided = (material.Flags & MaterialFlags.DoubleSided) != 0;
                emitters.Add(new EmissiveTriangle(
                    instance.LocalToWorld.Point(triangle.V0), e1, e2, material.Emission, Float3.Normalize(normal), area,
                    doubleSided ? 1 : 0, t, materialIndex));
                weights.Add(material.Emission.Luminance() * area * (doubleSided ? 2f : 1f));
            }
        }

        return [.. emitters];
    }

    private static PunctualLight[] CollectLights(Packages.ScenePackage package, Affine3[] world, float sceneRadius, List<float> weights)
    {
        var lights = new List<PunctualLight>();
        foreach (var light in Packages.PackageBlob.To<PunctualLight>(package.Lights))
        {
            var toWorld = light.Node >= 0 && light.Node < world.Length ? world[light.Node] : Affine3.Identity;
            var placed = light;
            placed.Position = toWorld.Point(light.Position);
            var direction = toWorld.Vector(light.Direction);
            placed.Direction = Float3.Length(direction) > 0f ? Float3.Normalize(direction) : new Float3(0f, 0f, -1f);
            placed.Node = -1;
            float power = light.Kind == LightKind.Directional
                ? light.Intensity.Luminance() * MathF.PI * sceneRadius * sceneRadius
                : light.Intensity.Luminance() * 4f * MathF.PI;
            if (!(power > 0f))
            {
                continue;
            }

            lights.Add(placed);
            weights.Add(power);
        }

        return [.. lights];
    }

    private static void SceneBounds(SceneGeometry geometry, BvhNode root, bool hasInstances, out Float3 min, out Float3 max)
    {
        min = hasInstances ? root.Min : new Float3(float.MaxValue, float.MaxValue, float.MaxValue);
        max = hasInstances ? root.Max : new Float3(float.MinValue, float.MinValue, float.MinValue);
        foreach (var sphere in geometry.Spheres.AsSpan(0, geometry.SphereCount))
        {
            var r = new Float3(sphere.Radius, sphere.Radius, sphere.Radius);
            min = Float3.Min(min, sphere.Center - r);
            max = Float3.Max(max, sphere.Center + r);
        }

        if (min.X > max.X)
        {
            min = new Float3(-1f, -1f, -1f);
            max = Float3.One;
        }
    }

    private static void TransformBox(Affine3 transform, Float3 lo, Float3 hi, out Float3 min, out Float3 max)
    {
        min = new Float3(float.MaxValue, float.MaxValue, float.MaxValue);
        max = new Float3(float.MinValue, float.MinValue, float.MinValue);
        for (int corner = 0; corner < 8; corner++)
        {
            var p = new Float3((corner & 1) != 0 ? hi.X : lo.X, (corner & 2) != 0 ? hi.Y : lo.Y, (corner & 4) != 0 ? hi.Z : lo.Z);
            var w = transform.Point(p);
            min = Float3.Min(min, w);
            max = Float3.Max(max, w);
        }
    }
}
