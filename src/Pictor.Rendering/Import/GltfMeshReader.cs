using System.Text.Json;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;
using SharpGLTF.Schema2;

namespace Pictor.Rendering.Import;

/// <summary>Reads glTF meshes into <see cref="MeshDraft"/>s: all triangle primitives of a mesh in one draft, with
/// per-triangle materials, normals generated where a primitive has none.</summary>
internal sealed class GltfMeshReader(
    ModelRoot model, JsonElement root, ImportLimits limits, ImportWarnings warnings, Func<int, int> material)
{
    private readonly Dictionary<int, MeshDraft?> _cache = [];
    private long _triangles;

    /// <summary>The draft of glTF mesh <paramref name="index"/>, or null when it has no triangles.</summary>
    public MeshDraft? Read(int index)
    {
        if (_cache.TryGetValue(index, out var cached))
        {
            return cached;
        }

        var meshes = GltfPreflight.Array(root, "meshes");
        if ((uint)index >= (uint)meshes.Length)
        {
            throw new SceneImportException($"A node names mesh {index}; the file has {meshes.Length}.");
        }

        var json = meshes[index];
        string name = GltfPreflight.String(json, "name") ?? $"mesh{index}";
        var positions = new List<Float3>();
        var attributes = new List<VertexAttributes>();
        var indices = new List<int>();
        var materials = new List<int>();
        var primitives = GltfPreflight.Array(json, "primitives");
        var sharp = model.LogicalMeshes[index].Primitives;
        for (int p = 0; p < primitives.Length; p++)
        {
            ReadPrimitive(name, p, primitives[p], sharp[p], positions, attributes, indices, materials);
        }

        var draft = indices.Count == 0 ? null : new MeshDraft(name, [.. positions], [.. attributes], [.. indices], [.. materials]);
        _cache[index] = draft;
        return draft;
    }

    private void ReadPrimitive(
        string mesh, int p, JsonElement json, MeshPrimitive primitive, List<Float3> positions, List<VertexAttributes> attributes,
        List<int> indices, List<int> materials)
    {
        int mode = GltfPreflight.Int(json, "mode", 4);
        if (mode is < 4 or > 6)
        {
            warnings.Add($"points and lines (primitive mode {mode}) are not rendered");
            return;
        }

        if (json.TryGetProperty("targets", out _))
        {
            warnings.Add("morph targets are ignored (meshes render in their base shape)");
        }

        if (!GltfPreflight.TryObject(json, "attributes", out var attributeNames) || !attributeNames.TryGetProperty("POSITION", out _))
        {
            warnings.Add($"a primitive of mesh '{mesh}' has no POSITION and is skipped");
            return;
        }

        foreach (var attribute in attributeNames.EnumerateObject())
        {
            if (attribute.Name.StartsWith("JOINTS_", StringComparison.Ordinal))
            {
                warnings.Add("skinning is ignored (skinned meshes render in their bind pose)");
            }
            else if (attribute.Name.StartsWith("COLOR_", StringComparison.Ordinal))
            {
                warnings.Add("vertex colours (COLOR_0) are ignored");
            }
        }

        var position = primitive.GetVertexAccessor("POSITION").AsVector3Array();
        int vertexCount = position.Count;
        var normalAccessor = primitive.GetVertexAccessor("NORMAL");
        var uvAccessor = primitive.GetVertexAccessor("TEXCOORD_0");
        var normals = normalAccessor?.AsVector3Array();
        var uvs = uvAccessor?.AsVector2Array();
        if ((normals is not null && normals.Count != vertexCount) || (uvs is not null && uvs.Count != vertexCount))
        {
            throw new SceneImportException($"Mesh '{mesh}' primitive {p}: NORMAL or TEXCOORD_0 count differs from " +
                $"POSITION's {vertexCount}.");
        }

        var triangles = new List<(int A, int B, int C)>();
        foreach (var t in primitive.GetTriangleIndices())
        {
            if ((uint)t.Item1 >= (uint)vertexCount || (uint)t.Item2 >= (uint)vertexCount || (uint)t.Item3 >= (uint)vertexCount)
            {
                throw new SceneImportException($"Mesh '{mesh}' primitive {p}: index {Math.Max(t.Item1, Math.Max(t.Item2, t.Item3))} is " +
                    $"out of range for {vertexCount} vertices.");
            }

            triangles.Add(t);
        }

        _triangles += triangles.Count;
        if (_triangles > limits.MaxTriangles)
        {
            throw new SceneImportException($"The scene has more than {limits.MaxTriangles} triangles.");
        }

        int materialIndex = material(GltfPreflight.Int(json, "material", -1));
        int baseVertex = positions.Count;
        var generated = normals is null ? GenerateNormals(position, triangles) : null;
        for (int v = 0; v < vertexCount; v++)
        {
            var pv = position[v];
            positions.Add(new Float3(pv.X, pv.Y, pv.Z));
            Float3 n;
            if (normals is not null)
            {
                var nv = normals[v];
                n = new Float3(nv.X, nv.Y, nv.Z);
                float length = Float3.Length(n);
                n = length > 0f && float.IsFinite(length) ? n * (1f / length) : Float3.Zero;
            }
            else
            {
                n = generated![v];
            }

            var uv = uvs is not null ? uvs[v] : default;
            attributes.Add(new VertexAttributes(n, float.IsFinite(uv.X) ? uv.X : 0f, float.IsFinite(uv.Y) ? uv.Y : 0f));
        }

        foreach (var (a, b, c) in triangles)
        {
            indices.Add(baseVertex + a);
            indices.Add(baseVertex + b);
            indices.Add(baseVertex + c);
            materials.Add(materialIndex);
        }
    }

    /// <summary>Area-weighted vertex normals (the cross product's length is twice the area).</summary>
    private static Float3[] GenerateNormals(IReadOnlyList<System.Numerics.Vector3> positions, List<(int A, int B, int C)> triangles)
    {
        var sums = new Float3[positions.Count];
        foreach (var (a, b, c) in triangles)
        {
            var pa = positions[a];
            var pb = positions[b];
            var pc = positions[c];
            var face = Float3.Cross(new Float3(pb.X - pa.X, pb.Y - pa.Y, pb.Z - pa.Z), new Float3(pc.X - pa.X, pc.Y - pa.Y, pc.Z - pa.Z));
            if (!float.IsFinite(face.X + face.Y + face.Z))
            {
                continue;
            }

            sums[a] += face;
            sums[b] += face;
            sums[c] += face;
        }

        for (int i = 0; i < sums.Length; i++)
        {
            float length = Float3.Length(sums[i]);
            sums[i] = length > 0f ? sums[i] * (1f / length) : Float3.Zero;
        }

        return sums;
    }
}
