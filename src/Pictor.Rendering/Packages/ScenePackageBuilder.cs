using System.Diagnostics;
using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Packages;

/// <summary>Turns a <see cref="SceneDraft"/> into a <see cref="ScenePackage"/>: bakes static geometry into one world-space
/// mesh, keeps meshes under animated nodes in their own space, and builds every mesh's SAH BVH (in parallel).</summary>
public static class ScenePackageBuilder
{
    /// <summary>A static mesh placed by several nodes is baked (copied per placement) only up to this many triangles in
    /// total; beyond, it stays one instanced mesh so heavy instancing does not multiply memory.</summary>
    public const long BakeTriangleLimit = 2_000_000;

    /// <summary>Builds the package.</summary>
    /// <param name="draft">The imported scene.</param>
    /// <param name="statistics">Receives triangle count, BVH build time and sizes.</param>
    /// <returns>The package.</returns>
    public static ScenePackage Build(SceneDraft draft, out PackageStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var nodes = draft.Nodes.ToArray();
        var channels = draft.Channels.ToArray();
        var probe = new ScenePackage { Nodes = nodes, Channels = channels };
        var animated = NodeAnimator.AnimatedNodes(probe);
        var rest = NodeAnimator.WorldTransforms(probe, 0f);
        var uses = new long[draft.Meshes.Count];
        foreach (var (mesh, _) in draft.Instances)
        {
            uses[mesh]++;
        }

        var baked = new List<(MeshDraft Mesh, Affine3 Transform)>();
        var keptMeshes = new List<int>();
        var keptInstances = new List<(int Mesh, int Node)>();
        foreach (var (mesh, node) in draft.Instances)
        {
            var m = draft.Meshes[mesh];
            if (m.TriangleCount == 0)
            {
                continue;
            }

            bool isStatic = node < 0 || !animated[node];
            if (isStatic && (uses[mesh] == 1 || uses[mesh] * m.TriangleCount <= BakeTriangleLimit))
            {
                baked.Add((m, node < 0 ? Affine3.Identity : rest[node]));
                continue;
            }

            if (!keptMeshes.Contains(mesh))
            {
                keptMeshes.Add(mesh);
            }

            keptInstances.Add((mesh, node));
        }

        var watch = Stopwatch.StartNew();
        var meshes = new List<PackageMesh>();
        var instances = new List<PackageInstance>();
        if (baked.Count > 0)
        {
            var world = Bake(baked);
            if (world.TriangleCount > 0)
            {
                meshes.Add(BuildMesh(world));
                instances.Add(new PackageInstance { Mesh = 0, Node = -1 });
            }
        }

        var meshIndex = new Dictionary<int, int>();
        foreach (int mesh in keptMeshes)
        {
            var built = BuildMesh(draft.Meshes[mesh]);
            if (built.Triangles.Length > 0)
            {
                meshIndex[mesh] = meshes.Count;
                meshes.Add(built);
            }
        }

        foreach (var (mesh, node) in keptInstances)
        {
            if (meshIndex.TryGetValue(mesh, out int index))
            {
                instances.Add(new PackageInstance { Mesh = index, Node = node });
            }
        }

        double buildSeconds = watch.Elapsed.TotalSeconds;
        long triangles = meshes.Sum(m => (long)m.Triangles.Length / 36);
        long bvhBytes = meshes.Sum(m => (long)m.Nodes.Length);
        long geometryBytes = meshes.Sum(m => (long)m.Nodes.Length + m.Triangles.Length + m.TriangleInfos.Length + m.Vertices.Length);
        statistics = new PackageStatistics(triangles, buildSeconds, bvhBytes, geometryBytes);

        return new ScenePackage
        {
            Meshes = [.. meshes],
            Materials = PackageBlob.From<MaterialData>(
                draft.Materials.Count > 0 ? draft.Materials.ToArray() : [MaterialData.GltfDefault()]),
            Textures = [.. draft.Textures],
            Nodes = nodes,
            Instances = [.. instances],
            Channels = channels,
            Cameras = [.. draft.Cameras],
            Lights = PackageBlob.From<PunctualLight>(draft.Lights.ToArray()),
            Spheres = PackageBlob.From<SphereData>(draft.Spheres.ToArray()),
            Background = [draft.Background.X, draft.Background.Y, draft.Background.Z],
            FramesPerSecond = draft.FramesPerSecond,
            Warnings = [.. draft.Warnings],
            Source = draft.Source,
        };
    }

    /// <summary>Builds one mesh's BVH and reorders its triangles into leaf order; drops non-finite and zero-area triangles.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns>The packaged mesh (no triangles when none survive).</returns>
    public static PackageMesh BuildMesh(MeshDraft mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var keep = new List<int>(mesh.TriangleCount);
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            var a = mesh.Positions[mesh.Indices[t * 3]];
            var b = mesh.Positions[mesh.Indices[(t * 3) + 1]];
            var c = mesh.Positions[mesh.Indices[(t * 3) + 2]];
            if (Finite(a) && Finite(b) && Finite(c) && Float3.Length(Float3.Cross(b - a, c - a)) > 0f)
            {
                keep.Add(t);
            }
        }

        var boxMin = new Float3[keep.Count];
        var boxMax = new Float3[keep.Count];
        for (int i = 0; i < keep.Count; i++)
        {
            int t = keep[i];
            var a = mesh.Positions[mesh.Indices[t * 3]];
            var b = mesh.Positions[mesh.Indices[(t * 3) + 1]];
            var c = mesh.Positions[mesh.Indices[(t * 3) + 2]];
            boxMin[i] = Float3.Min(a, Float3.Min(b, c));
            boxMax[i] = Float3.Max(a, Float3.Max(b, c));
        }

        if (keep.Count == 0)
        {
            return new PackageMesh { Name = mesh.Name };
        }

        var bvh = BvhBuilder.Build(boxMin, boxMax);
        var triangles = new Triangle[keep.Count];
        var infos = new TriangleInfo[keep.Count];
        Parallel.For(0, keep.Count, i =>
        {
            int t = keep[bvh.Order[i]];
            int ia = mesh.Indices[t * 3], ib = mesh.Indices[(t * 3) + 1], ic = mesh.Indices[(t * 3) + 2];
            triangles[i] = Triangle.FromVertices(mesh.Positions[ia], mesh.Positions[ib], mesh.Positions[ic]);
            infos[i] = new TriangleInfo(ia, ib, ic, mesh.Materials[t]);
        });

        return new PackageMesh
        {
            Name = mesh.Name,
            Nodes = PackageBlob.From<BvhNode>(bvh.Nodes),
            Triangles = PackageBlob.From<Triangle>(triangles),
            TriangleInfos = PackageBlob.From<TriangleInfo>(infos),
            Vertices = PackageBlob.From<VertexAttributes>(mesh.Attributes),
        };
    }

    /// <summary>Concatenates static placements into one world-space mesh; a mirroring transform swaps the winding so
    /// the front face stays the front face.</summary>
    private static MeshDraft Bake(List<(MeshDraft Mesh, Affine3 Transform)> placements)
    {
        long vertexTotal = placements.Sum(p => (long)p.Mesh.Positions.Length);
        long indexTotal = placements.Sum(p => (long)p.Mesh.Indices.Length);
        if (vertexTotal > int.MaxValue || indexTotal > int.MaxValue)
        {
            throw new InvalidDataException($"The static geometry has {vertexTotal} vertices and {indexTotal / 3} triangles: more than " +
                $"one package holds.");
        }

        var positions = new Float3[vertexTotal];
        var attributes = new VertexAttributes[vertexTotal];
        var indices = new int[indexTotal];
        var materials = new int[indexTotal / 3];
        int vertexBase = 0;
        int indexBase = 0;
        foreach (var (mesh, transform) in placements)
        {
            var inverse = transform.Inverse();
            bool mirrored = transform.Determinant() < 0f;
            int vb = vertexBase;
            Parallel.For(0, mesh.Positions.Length, v =>
            {
                positions[vb + v] = transform.Point(mesh.Positions[v]);
                var n = inverse.TransposedVector(mesh.Attributes[v].Normal);
                float length = Float3.Length(n);
                attributes[vb + v] = mesh.Attributes[v] with { Normal = length > 0f ? n * (1f / length) : n };
            });
            for (int t = 0; t < mesh.TriangleCount; t++)
            {
                int o = indexBase + (t * 3);
                indices[o] = vb + mesh.Indices[t * 3];
                indices[o + 1] = vb + mesh.Indices[(t * 3) + (mirrored ? 2 : 1)];
                indices[o + 2] = vb + mesh.Indices[(t * 3) + (mirrored ? 1 : 2)];
                materials[(indexBase / 3) + t] = mesh.Materials[t];
            }

            vertexBase += mesh.Positions.Length;
            indexBase += mesh.Indices.Length;
        }

        return new MeshDraft("static", positions, attributes, indices, materials);
    }

    private static bool Finite(Float3 p) => float.IsFinite(p.X) && float.IsFinite(p.Y) && float.IsFinite(p.Z);
}
