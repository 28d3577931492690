using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;

namespace Pictor.Rendering.Scenes;

/// <summary><see cref="CornellSpheres"/> as a general scene (triangles for the planes, analytic spheres), so the full
/// estimator can render it and be compared with the naive kernel on the same picture.</summary>
/// <remarks>
/// The infinite planes become large quads (±<see cref="Extent"/>), the ceiling gets a hole where the light quad sits,
/// and the light emits from both
/// faces as the anchor's ceiling does. Walls are pure Lambert; the mirror is a smooth metal of base colour 0.999; the
/// glass is smooth transmission with IOR 1.5 and Schlick's Fresnel, as in the anchor.
/// </remarks>
public static class CornellSpheresDraft
{
    /// <summary>Half-size of the plane quads, in metres.</summary>
    public const float Extent = 50f;

    // Few, large triangles: Möller–Trumbore's error grows with the edge length (≈ 100 · 2⁻²⁴ here), still far below
    // the 10⁻⁴ ray offsets, and fewer triangles keep the BVH over these overlapping planes cheap. The cuts at 0.38 and
    // 0.62 carve the light out of the ceiling.
    private static readonly float[] Cuts = [-Extent, 0.38f, 0.62f, Extent];

    /// <summary>Builds the draft.</summary>
    /// <returns>The scene draft.</returns>
    public static SceneDraft Create()
    {
        var draft = new SceneDraft { Source = "builtin:" + CornellSpheres.Name };
        draft.Materials.Add(MaterialData.Lambert(new Float3(0.63f, 0.065f, 0.05f)));
        draft.Materials.Add(MaterialData.Lambert(new Float3(0.14f, 0.45f, 0.091f)));
        draft.Materials.Add(MaterialData.Lambert(new Float3(0.725f, 0.71f, 0.68f)));
        var light = MaterialData.Lambert(new Float3(0.725f, 0.71f, 0.68f));
        light.Emission = new Float3(17f, 12f, 4f);
        light.Flags |= MaterialFlags.DoubleSided;
        draft.Materials.Add(light);
        var white = new Float3(0.999f, 0.999f, 0.999f);
        draft.Materials.Add(new MaterialData { BaseColor = white, Metallic = 1f, Roughness = 0f, Ior = 1.5f, BaseColorTexture = -1 });
        draft.Materials.Add(
            new MaterialData { BaseColor = white, Metallic = 0f, Roughness = 0f, Transmission = 1f, Ior = 1.5f, BaseColorTexture = -1 });

        var positions = new List<Float3>();
        var attributes = new List<VertexAttributes>();
        var indices = new List<int>();
        var materials = new List<int>();
        void Quad(Float3 a, Float3 b, Float3 c, Float3 d, Float3 normal, int material)
        {
            int o = positions.Count;
            positions.AddRange([a, b, c, d]);
            for (int i = 0; i < 4; i++)
            {
                attributes.Add(new VertexAttributes(normal, 0f, 0f));
            }

            indices.AddRange([o, o + 1, o + 2, o, o + 2, o + 3]);
            materials.AddRange([material, material]);
        }

        // Walls, floor and back: one quad each. The ceiling: a 3×3 grid whose centre cell is the light.
        const float e = Extent;
        Quad(new(0f, -e, -e), new(0f, e, -e), new(0f, e, e), new(0f, -e, e), new(1f, 0f, 0f), 0);
        Quad(new(1f, -e, -e), new(1f, -e, e), new(1f, e, e), new(1f, e, -e), new(-1f, 0f, 0f), 1);
        Quad(new(-e, 0f, -e), new(-e, 0f, e), new(e, 0f, e), new(e, 0f, -e), new(0f, 1f, 0f), 2);
        Quad(new(-e, -e, 0f), new(e, -e, 0f), new(e, e, 0f), new(-e, e, 0f), new(0f, 0f, 1f), 2);
        for (int i = 0; i + 1 < Cuts.Length; i++)
        {
            for (int j = 0; j + 1 < Cuts.Length; j++)
            {
                float a0 = Cuts[i], a1 = Cuts[i + 1], b0 = Cuts[j], b1 = Cuts[j + 1];
                bool lightCell = a0 == 0.38f && b0 == 0.38f;
                Quad(new(a0, 1f, b0), new(a1, 1f, b0), new(a1, 1f, b1), new(a0, 1f, b1), new(0f, -1f, 0f), lightCell ? 3 : 2);
            }
        }

        draft.Meshes.Add(new MeshDraft("cornell-planes", [.. positions], [.. attributes], [.. indices], [.. materials]));
        draft.Instances.Add((0, -1));
        draft.Spheres.Add(new SphereData(new Float3(0.3f, 0.2f, 0.35f), 0.2f, 4));
        draft.Spheres.Add(new SphereData(new Float3(0.7f, 0.2f, 0.6f), 0.2f, 5));
        draft.Cameras.Add(new PackageCamera
        {
            Name = "anchor",
            Node = -1,
            TanHalfFovY = CornellSpheres.FilmScale * 0.5f,
            Aspect = 1f,
            Eye = [CornellSpheres.Eye.X, CornellSpheres.Eye.Y, CornellSpheres.Eye.Z],
            Target = [CornellSpheres.Eye.X, CornellSpheres.Eye.Y, CornellSpheres.Eye.Z - 1f],
        });
        return draft;
    }
}
