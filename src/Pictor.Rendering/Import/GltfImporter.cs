using System.Numerics;
using System.Text.Json;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;
using SharpGLTF.Schema2;
using SharpGLTF.Validation;

namespace Pictor.Rendering.Import;

/// <summary>Imports glTF 2.0 scenes (.gltf with its buffers and images, or .glb) into a <see cref="SceneDraft"/>.</summary>
/// <remarks>
/// <para>Supported: the node hierarchy with TRS or matrix transforms; indexed and non-indexed triangle meshes (lists,
/// strips, fans) with positions, normals (generated when missing) and TEXCOORD_0; perspective cameras;
/// pbrMetallicRoughness factors and base colour textures (PNG, JPEG); emissive with KHR_materials_emissive_strength;
/// KHR_materials_transmission and KHR_materials_ior; doubleSided; KHR_lights_punctual; node translation, rotation and
/// scale animation (step, linear, cubic spline). Anything else is named in a warning.</para>
/// <para>The file is checked before it is parsed (<see cref="GltfPreflight"/>) and every index is checked before it is
/// used; any failure, SharpGLTF's included, surfaces as a <see cref="SceneImportException"/>.</para>
/// </remarks>
public static class GltfImporter
{
    private static readonly HashSet<string> KnownExtensions = new(StringComparer.Ordinal)
    {
        "KHR_lights_punctual", "KHR_materials_emissive_strength", "KHR_materials_transmission", "KHR_materials_ior",
        "KHR_mesh_quantization", "KHR_texture_transform",
    };

    /// <summary>Imports a glTF file.</summary>
    /// <param name="path">A .gltf or .glb file.</param>
    /// <param name="limits">Import limits; <see cref="ImportLimits.Default"/> when null.</param>
    /// <returns>The draft, with warnings for everything it could not represent.</returns>
    /// <exception cref="SceneImportException">The file is missing, malformed, truncated, refers to missing buffers or
    /// exceeds the limits.</exception>
    public static SceneDraft Import(string path, ImportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ImportLimits.Default;
        try
        {
            return ImportChecked(path, limits);
        }
        catch (SceneImportException e) when (e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw;
        }
        catch (SceneImportException e)
        {
            throw new SceneImportException($"'{path}': {e.Message}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SceneImportException($"'{path}' could not be read as glTF 2.0: {e.Message}", e);
        }
    }

    private static SceneDraft ImportChecked(string path, ImportLimits limits)
    {
        var root = GltfPreflight.Check(path, limits);
        var warnings = new ImportWarnings();
        foreach (var required in GltfPreflight.Array(root, "extensionsRequired"))
        {
            string name = required.GetString() ?? string.Empty;
            if (!KnownExtensions.Contains(name))
            {
                throw new SceneImportException($"'{path}' requires extension {name}, which is not supported.");
            }
        }

        foreach (var used in GltfPreflight.Array(root, "extensionsUsed"))
        {
            string name = used.GetString() ?? string.Empty;
            if (!KnownExtensions.Contains(name))
            {
                warnings.Add($"extension {name} is not supported and is ignored");
            }
        }

        var model = ModelRoot.Load(path, new ReadSettings { Validation = ValidationMode.TryFix });
        var draft = new SceneDraft { Source = Path.GetFileName(path) };
        var materials = new GltfMaterialReader(model, root, limits, warnings, draft);
        var meshes = new GltfMeshReader(model, root, limits, warnings, materials.Resolve);
        var nodeMap = ReadHierarchy(root, limits, warnings, draft, meshes);
        GltfAnimationReader.Read(model, root, nodeMap, warnings, draft);
        if (draft.Instances.Count == 0)
        {
            warnings.Add("the scene has no triangle meshes");
        }

        draft.Warnings.AddRange(warnings.Messages);
        return draft;
    }

    private static Dictionary<int, int> ReadHierarchy(
        JsonElement root, ImportLimits limits, ImportWarnings warnings, SceneDraft draft, GltfMeshReader meshes)
    {
        var nodes = GltfPreflight.Array(root, "nodes");
        var scenes = GltfPreflight.Array(root, "scenes");
        int sceneIndex = GltfPreflight.Int(root, "scene", 0);
        if (scenes.Length == 0)
        {
            throw new SceneImportException("The file defines no scene.");
        }

        if ((uint)sceneIndex >= (uint)scenes.Length)
        {
            throw new SceneImportException($"The default scene {sceneIndex} does not exist.");
        }

        var nodeMap = new Dictionary<int, int>();
        var meshIndex = new Dictionary<int, int>();
        var pending = new Stack<(int Node, int Parent)>();
        foreach (var rootNode in GltfPreflight.Array(scenes[sceneIndex], "nodes").Reverse())
        {
            pending.Push((rootNode.ValueKind == JsonValueKind.Number ? rootNode.GetInt32() : -1, -1));
        }

        while (pending.Count > 0)
        {
            var (index, parent) = pending.Pop();
            if ((uint)index >= (uint)nodes.Length)
            {
                throw new SceneImportException($"The hierarchy names node {index}; the file has {nodes.Length}.");
            }

            if (nodeMap.ContainsKey(index))
            {
                throw new SceneImportException($"Node {index} appears twice in the hierarchy (a cycle or a node with two parents).");
            }

            if (nodeMap.Count >= limits.MaxNodes)
            {
                throw new SceneImportException($"The hierarchy has more than {limits.MaxNodes} nodes.");
            }

            var json = nodes[index];
            int self = draft.Nodes.Count;
            nodeMap[index] = self;
            draft.Nodes.Add(ReadNode(json, index, parent));
            ReadAttachments(root, json, index, self, warnings, draft, meshes, meshIndex);
            foreach (var child in GltfPreflight.Array(json, "children").Reverse())
            {
                pending.Push((child.ValueKind == JsonValueKind.Number ? child.GetInt32() : -1, self));
            }
        }

        return nodeMap;
    }

    private static PackageNode ReadNode(JsonElement json, int index, int parent)
    {
        var node = new PackageNode { Name = GltfPreflight.String(json, "name") ?? $"node{index}", Parent = parent };
        if (json.TryGetProperty("matrix", out _))
        {
            var m = GltfPreflight.Floats(json, "matrix", new float[16]);
            var matrix = new Matrix4x4(
                m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15]);
            if (!Matrix4x4.Decompose(matrix, out var scale, out var rotation, out var translation))
            {
                throw new SceneImportException($"Node {index} has a matrix that is not a translation, rotation and scale.");
            }

            node.Translation = [translation.X, translation.Y, translation.Z];
            node.Rotation = [rotation.X, rotation.Y, rotation.Z, rotation.W];
            node.Scale = [scale.X, scale.Y, scale.Z];
        }
        else
        {
            node.Translation = GltfPreflight.Floats(json, "translation", [0f, 0f, 0f]);
            node.Rotation = GltfPreflight.Floats(json, "rotation", [0f, 0f, 0f, 1f]);
            node.Scale = GltfPreflight.Floats(json, "scale", [1f, 1f, 1f]);
        }

        if (node.Translation.Concat(node.Rotation).Concat(node.Scale).Any(v => !float.IsFinite(v)))
        {
            throw new SceneImportException($"Node {index} has a transform that is not finite.");
        }

        return node;
    }

    private static void ReadAttachments(
        JsonElement root, JsonElement json, int index, int self, ImportWarnings warnings, SceneDraft draft, GltfMeshReader meshes,
        Dictionary<int, int> meshIndex)
    {
        int mesh = GltfPreflight.Int(json, "mesh", -1);
        if (mesh >= 0)
        {
            if (!meshIndex.TryGetValue(mesh, out int drafted))
            {
                var read = meshes.Read(mesh);
                drafted = read is null ? -1 : draft.Meshes.Count;
                if (read is not null)
                {
                    draft.Meshes.Add(read);
                }

                meshIndex[mesh] = drafted;
            }

            if (drafted >= 0)
            {
                draft.Instances.Add((drafted, self));
            }
        }

        if (json.TryGetProperty("skin", out _))
        {
            warnings.Add("skins are ignored (skinned meshes render in their bind pose)");
        }

        int camera = GltfPreflight.Int(json, "camera", -1);
        if (camera >= 0)
        {
            ReadCamera(root, camera, GltfPreflight.String(json, "name") ?? $"node{index}", self, warnings, draft);
        }

        foreach (string extension in GltfPreflight.ExtensionNames(json))
        {
            if (extension != "KHR_lights_punctual")
            {
                warnings.Add($"node extension {extension} is not supported and is ignored");
            }
        }

        if (GltfPreflight.TryObject(json, "extensions", out var extensions)
            && GltfPreflight.TryObject(extensions, "KHR_lights_punctual", out var lightRef))
        {
            ReadLight(root, GltfPreflight.Int(lightRef, "light", -1), self, warnings, draft);
        }
    }

    private static void ReadCamera(JsonElement root, int camera, string nodeName, int node, ImportWarnings warnings, SceneDraft draft)
    {
        var cameras = GltfPreflight.Array(root, "cameras");
        if ((uint)camera >= (uint)cameras.Length)
        {
            throw new SceneImportException($"A node names camera {camera}; the file has {cameras.Length}.");
        }

        var json = cameras[camera];
        if (!GltfPreflight.TryObject(json, "perspective", out var perspective))
        {
            warnings.Add("orthographic cameras are not supported and are skipped");
            return;
        }

        float yfov = GltfPreflight.Float(perspective, "yfov", 0.8f);
        if (!(yfov > 0f && yfov < MathF.PI))
        {
            throw new SceneImportException($"Camera {camera} has a vertical field of view of {yfov} radians.");
        }

        draft.Cameras.Add(new PackageCamera
        {
            Name = GltfPreflight.String(json, "name") ?? nodeName,
            Node = node,
            TanHalfFovY = MathF.Tan(yfov * 0.5f),
            Aspect = 0f,
        });
    }

    private static void ReadLight(JsonElement root, int light, int node, ImportWarnings warnings, SceneDraft draft)
    {
        var lights = GltfPreflight.TryObject(root, "extensions", out var extensions)
            && GltfPreflight.TryObject(extensions, "KHR_lights_punctual", out var punctual)
            ? GltfPreflight.Array(punctual, "lights")
            : [];
        if ((uint)light >= (uint)lights.Length)
        {
            throw new SceneImportException($"A node names light {light}; the file has {lights.Length}.");
        }

        var json = lights[light];
        var color = GltfPreflight.Floats(json, "color", [1f, 1f, 1f]);
        float intensity = MathF.Max(0f, GltfPreflight.Float(json, "intensity", 1f));
        string type = GltfPreflight.String(json, "type") ?? string.Empty;
        var data = new Scenes.PunctualLight
        {
            Position = Float3.Zero,
            Direction = new Float3(0f, 0f, -1f),
            Node = node,
            Intensity = new Float3(MathF.Max(0f, color[0]), MathF.Max(0f, color[1]), MathF.Max(0f, color[2])) * intensity,
            CosInner = 1f,
            CosOuter = 0f,
        };
        switch (type)
        {
            case "point":
                data.Kind = LightKind.Point;
                break;
            case "directional":
                data.Kind = LightKind.Directional;
                break;
            case "spot":
                data.Kind = LightKind.Spot;
                float inner = 0f, outer = MathF.PI / 4f;
                if (GltfPreflight.TryObject(json, "spot", out var spot))
                {
                    inner = GltfPreflight.Float(spot, "innerConeAngle", 0f);
                    outer = GltfPreflight.Float(spot, "outerConeAngle", MathF.PI / 4f);
                }

                data.CosInner = MathF.Cos(Math.Clamp(inner, 0f, MathF.PI / 2f));
                data.CosOuter = MathF.Cos(Math.Clamp(outer, 0f, MathF.PI / 2f));
                break;
            default:
                warnings.Add($"light type '{type}' is not supported");
                return;
        }

        if (json.TryGetProperty("range", out _))
        {
            warnings.Add("light range is ignored (lights fall off with the inverse square)");
        }

        draft.Lights.Add(data);
    }
}
