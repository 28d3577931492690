using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;

namespace Pictor.Rendering.Scenes;

/// <summary>The frame-independent arrays of a scene package, concatenated for the devices: every mesh's BVH,
/// triangles and vertices, the materials and the textures.</summary>
/// <remarks>Built once per package and shared by all its frames; devices upload it once and keep it while frames
/// of the same package keep coming.</remarks>
public sealed class SceneGeometry
{
    private SceneGeometry(ScenePackage package)
    {
        // Keep what frames need (hierarchy, animation, cameras, lights), not the mesh and texel blobs: those are
        // unpacked into the device arrays below.
        Package = package.WithoutBulkData();
        int meshCount = package.Meshes.Length;
        MeshRoots = new int[meshCount];
        MeshBoundsMin = new Float3[meshCount];
        MeshBoundsMax = new Float3[meshCount];
        Materials = PackageBlob.To<MaterialData>(package.Materials);
        if (Materials.Length == 0)
        {
            Materials = [MaterialData.GltfDefault()];
        }

        long nodeTotal = 0, triangleTotal = 0, vertexTotal = 0;
        foreach (var mesh in package.Meshes)
        {
            nodeTotal += PackageBlob.Count<BvhNode>(mesh.Nodes);
            triangleTotal += PackageBlob.Count<Triangle>(mesh.Triangles);
            vertexTotal += PackageBlob.Count<VertexAttributes>(mesh.Vertices);
        }

        if (nodeTotal > int.MaxValue || triangleTotal > int.MaxValue || vertexTotal > int.MaxValue)
        {
            throw new InvalidDataException("The package holds more than 2^31 nodes, triangles or vertices.");
        }

        BlasNodes = new BvhNode[nodeTotal];
        Triangles = new Triangle[triangleTotal];
        TriangleInfos = new TriangleInfo[triangleTotal];
        Vertices = new VertexAttributes[vertexTotal];
        var emitters = new List<int>[meshCount];
        int nodeOffset = 0, triangleOffset = 0, vertexOffset = 0;
        for (int m = 0; m < meshCount; m++)
        {
            var mesh = package.Meshes[m];
            var meshNodes = BlasNodes.AsSpan(nodeOffset, PackageBlob.CopyTo<BvhNode>(mesh.Nodes, BlasNodes.AsSpan(nodeOffset)));
            var meshTriangles = Triangles.AsSpan(
                triangleOffset, PackageBlob.CopyTo<Triangle>(mesh.Triangles, Triangles.AsSpan(triangleOffset)));
            var meshInfos = TriangleInfos.AsSpan(
                triangleOffset, PackageBlob.CopyTo<TriangleInfo>(mesh.TriangleInfos, TriangleInfos.AsSpan(triangleOffset)));
            var meshVertices = Vertices.AsSpan(
                vertexOffset, PackageBlob.CopyTo<VertexAttributes>(mesh.Vertices, Vertices.AsSpan(vertexOffset)));
            Validate(mesh, meshNodes, meshTriangles.Length, meshInfos, meshVertices.Length, Materials.Length);
            MeshRoots[m] = nodeOffset;
            MeshBoundsMin[m] = meshNodes[0].Min;
            MeshBoundsMax[m] = meshNodes[0].Max;
            for (int i = 0; i < meshNodes.Length; i++)
            {
                meshNodes[i].LeftOrFirst += meshNodes[i].Count > 0 ? triangleOffset : nodeOffset;
            }

            emitters[m] = [];
            for (int t = 0; t < meshInfos.Length; t++)
            {
                var info = meshInfos[t];
                meshInfos[t] = new TriangleInfo(info.A + vertexOffset, info.B + vertexOffset, info.C + vertexOffset, info.Material);
                if (Materials[info.Material].Emission.Luminance() > 0f)
                {
                    emitters[m].Add(triangleOffset + t);
                }
            }

            nodeOffset += meshNodes.Length;
            triangleOffset += meshTriangles.Length;
            vertexOffset += meshVertices.Length;
        }

        MeshEmitters = [.. emitters.Select(e => e.ToArray())];
        (Textures, Texels) = PackTextures(package.Textures);
        foreach (var material in Materials)
        {
            bool metallicRoughness = (material.Flags & MaterialFlags.MetallicRoughnessTexture) != 0;
            bool emissive = (material.Flags & MaterialFlags.EmissiveTexture) != 0;
            if (material.BaseColorTexture < -1 || material.BaseColorTexture >= package.Textures.Length ||
                (metallicRoughness && (uint)material.MetallicRoughnessTexture >= (uint)package.Textures.Length) ||
                (emissive && (uint)material.EmissiveTexture >= (uint)package.Textures.Length))
            {
                throw new InvalidDataException($"A material names texture {material.BaseColorTexture}; the package has " +
                    $"{package.Textures.Length}.");
            }
        }

        SrgbTable = BuildSrgbTable();
        Spheres = PackageBlob.To<SphereData>(package.Spheres);
        SphereCount = Spheres.Length;
        ValidateHierarchy(package);
        foreach (var sphere in Spheres)
        {
            if (sphere.Material < 0 || sphere.Material >= Materials.Length)
            {
                throw new InvalidDataException($"A sphere names material {sphere.Material}; the package has {Materials.Length}.");
            }
        }

        if (SphereCount == 0)
        {
            Spheres = [default];
        }
    }

    /// <summary>The package this geometry came from, without its mesh and texel blobs.</summary>
    public ScenePackage Package { get; }

    /// <summary>All mesh BVH nodes, absolute indices.</summary>
    public BvhNode[] BlasNodes { get; }

    /// <summary>Root node of each mesh.</summary>
    public int[] MeshRoots { get; }

    /// <summary>Lower corner of each mesh's bounds, in its own space.</summary>
    public Float3[] MeshBoundsMin { get; }

    /// <summary>Upper corner of each mesh's bounds, in its own space.</summary>
    public Float3[] MeshBoundsMax { get; }

    /// <summary>Emitting triangles (absolute indices) of each mesh.</summary>
    public int[][] MeshEmitters { get; }

    /// <summary>All triangles, absolute indices.</summary>
    public Triangle[] Triangles { get; }

    /// <summary>Shading data, aligned with <see cref="Triangles"/>.</summary>
    public TriangleInfo[] TriangleInfos { get; }

    /// <summary>All vertex attributes.</summary>
    public VertexAttributes[] Vertices { get; }

    /// <summary>Materials (at least one).</summary>
    public MaterialData[] Materials { get; }

    /// <summary>Texture placements (at least one entry, a white texel, so views are never empty).</summary>
    public TextureInfo[] Textures { get; }

    /// <summary>All texels, RGBA8 packed with R in the low byte.</summary>
    public uint[] Texels { get; }

    /// <summary>sRGB code to linear value.</summary>
    public float[] SrgbTable { get; }

    /// <summary>Analytic spheres (one unused entry when the scene has none).</summary>
    public SphereData[] Spheres { get; }

    /// <summary>Number of real spheres in <see cref="Spheres"/>.</summary>
    public int SphereCount { get; }

    /// <summary>Bytes the device arrays of this geometry take.</summary>
    public long DeviceBytes =>
        ((long)BlasNodes.Length * 32) + ((long)Triangles.Length * 36) + ((long)TriangleInfos.Length * 16) + ((long)Vertices.Length * 20) +
        ((long)Materials.Length * 60) + ((long)Textures.Length * 20) + ((long)Texels.Length * 4) + 1024 + ((long)Spheres.Length * 20);

    /// <summary>Unpacks and checks a package.</summary>
    /// <param name="package">The package.</param>
    /// <returns>The geometry.</returns>
    /// <exception cref="InvalidDataException">The package's arrays are inconsistent.</exception>
    public static SceneGeometry FromPackage(ScenePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new SceneGeometry(package);
    }

    private static void Validate(
        PackageMesh mesh, ReadOnlySpan<BvhNode> nodes, int triangles, ReadOnlySpan<TriangleInfo> infos, int vertices, int materials)
    {
        if (nodes.Length == 0 || triangles == 0 || infos.Length != triangles)
        {
            throw new InvalidDataException($"Mesh '{mesh.Name}' has {nodes.Length} nodes, {triangles} triangles and {infos.Length} " +
                $"triangle records.");
        }

        // Children come after their parent (depth-first layout), so one forward pass finds every node's depth; the
        // kernels' traversal stack holds at most depth − 1 entries, so a deeper tree (only a forged package has one)
        // would overrun it on a GPU.
        var depth = new byte[nodes.Length];
        depth[0] = 1;
        for (int i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            bool ok = n.Count > 0
                ? n.LeftOrFirst >= 0 && (long)n.LeftOrFirst + n.Count <= triangles
                : n.Count == 0 && n.LeftOrFirst > i + 1 && n.LeftOrFirst < nodes.Length && i + 1 < nodes.Length;
            if (!ok || depth[i] == 0)
            {
                throw new InvalidDataException($"Mesh '{mesh.Name}': BVH node {i} points outside the mesh or is unreachable.");
            }

            if (n.Count == 0)
            {
                if (depth[i] >= BvhBuilder.MaxDepth)
                {
                    throw new InvalidDataException($"Mesh '{mesh.Name}': the BVH is deeper than {BvhBuilder.MaxDepth} levels.");
                }

                depth[i + 1] = (byte)(depth[i] + 1);
                depth[n.LeftOrFirst] = (byte)(depth[i] + 1);
            }
        }

        foreach (var info in infos)
        {
            if ((uint)info.A >= (uint)vertices || (uint)info.B >= (uint)vertices || (uint)info.C >= (uint)vertices
                || (uint)info.Material >= (uint)materials)
            {
                throw new InvalidDataException($"Mesh '{mesh.Name}': a triangle names a vertex or material that does not exist.");
            }
        }
    }

    private static void ValidateHierarchy(ScenePackage package)
    {
        for (int i = 0; i < package.Nodes.Length; i++)
        {
            var node = package.Nodes[i];
            if (node.Parent >= i || node.Parent < -1 || node.Translation.Length != 3 || node.Rotation.Length != 4 || node.Scale.Length != 3)
            {
                throw new InvalidDataException($"Node {i} ('{node.Name}') is malformed or comes before its parent.");
            }
        }

        foreach (var channel in package.Channels)
        {
            int width = channel.Path == 1 ? 4 : 3;
            int perKey = channel.Interpolation == 2 ? width * 3 : width;
            if ((uint)channel.Node >= (uint)package.Nodes.Length || channel.Path is < 0 or > 2 || channel.Interpolation is < 0 or > 2 ||
                (long)channel.Times.Length * perKey != channel.Values.Length)
            {
                throw new InvalidDataException($"An animation channel of node {channel.Node} is malformed.");
            }
        }

        foreach (var instance in package.Instances)
        {
            if ((uint)instance.Mesh >= (uint)package.Meshes.Length || instance.Node < -1 || instance.Node >= package.Nodes.Length)
            {
                throw new InvalidDataException($"An instance names mesh {instance.Mesh} and node {instance.Node}, which do not exist.");
            }
        }

        foreach (var camera in package.Cameras)
        {
            if (camera.Node < -1 || camera.Node >= package.Nodes.Length || camera.Eye.Length != 3 || camera.Target.Length != 3)
            {
                throw new InvalidDataException($"Camera '{camera.Name}' is malformed.");
            }
        }

        if (package.Background.Length != 3)
        {
            throw new InvalidDataException("The background is not an RGB triple.");
        }
    }

    private static (TextureInfo[] Infos, uint[] Texels) PackTextures(PackageTexture[] textures)
    {
        var infos = new List<TextureInfo>();
        long total = 1;
        foreach (var t in textures)
        {
            if (t.Width <= 0 || t.Height <= 0 || (long)t.Width * t.Height * 4 != t.Rgba.Length)
            {
                throw new InvalidDataException($"A {t.Width}x{t.Height} texture carries {t.Rgba.Length} bytes.");
            }

            total += (long)t.Width * t.Height;
        }

        if (total > int.MaxValue)
        {
            throw new InvalidDataException("Textures exceed 2^31 texels.");
        }

        var texels = new uint[total];
        texels[0] = 0xFFFFFFFFu;
        int offset = 1;
        foreach (var t in textures)
        {
            for (int i = 0; i < t.Width * t.Height; i++)
            {
                texels[offset + i] = (uint)(
                    t.Rgba[i * 4] | (t.Rgba[(i * 4) + 1] << 8) | (t.Rgba[(i * 4) + 2] << 16) | (t.Rgba[(i * 4) + 3] << 24));
            }

            infos.Add(
                new TextureInfo(offset, t.Width, t.Height, (TextureWrap)Math.Clamp(t.WrapS, 0, 2), (TextureWrap)Math.Clamp(t.WrapT, 0, 2)));
            offset += t.Width * t.Height;
        }

        if (infos.Count == 0)
        {
            infos.Add(new TextureInfo(0, 1, 1, TextureWrap.Repeat, TextureWrap.Repeat));
        }

        return ([.. infos], texels);
    }

    private static float[] BuildSrgbTable()
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++)
        {
            double c = i / 255.0;
            table[i] = (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
        }

        return table;
    }
}
