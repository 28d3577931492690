using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using StbImageWriteSharp;

namespace Pictor.Rendering.Tests;

/// <summary>Writes small glTF 2.0 files for tests: JSON built with <see cref="JsonObject"/>, one binary buffer.</summary>
internal sealed class GltfTestFile
{
    private readonly List<byte> _bin = [];
    private readonly Dictionary<string, byte[]> _externalImages = new(StringComparer.Ordinal);

    public JsonObject Root { get; } = new()
    {
        ["asset"] = new JsonObject { ["version"] = "2.0", ["generator"] = "Pictor tests" },
        ["scene"] = 0,
        ["scenes"] = new JsonArray { new JsonObject { ["nodes"] = new JsonArray() } },
    };

    public static float[] QuadPositions(float size) => [-size, -size, 0f, size, -size, 0f, size, size, 0f, -size, size, 0f];

    public static uint[] QuadIndices => [0, 1, 2, 0, 2, 3];

    public JsonArray Array(string name)
    {
        if (Root[name] is not JsonArray array)
        {
            array = [];
            Root[name] = array;
        }

        return array;
    }

    public int AddAccessor(float[] data, string type, bool minMax = false)
    {
        int components = type switch { "SCALAR" => 1, "VEC2" => 2, "VEC3" => 3, _ => 4 };
        int view = AddView(data.SelectMany(BitConverter.GetBytes).ToArray());
        var accessor = new JsonObject
        {
            ["bufferView"] = view,
            ["componentType"] = 5126,
            ["count"] = data.Length / components,
            ["type"] = type,
        };
        if (minMax)
        {
            accessor["min"] = new JsonArray(
                [
                    .. Enumerable.Range(0, components)
                        .Select(c => (JsonNode)JsonValue.Create(data.Where((_, i) => i % components == c).Min())),
                ]);
            accessor["max"] = new JsonArray(
                [
                    .. Enumerable.Range(0, components)
                        .Select(c => (JsonNode)JsonValue.Create(data.Where((_, i) => i % components == c).Max())),
                ]);
        }

        return Add("accessors", accessor);
    }

    public int AddIndices(uint[] indices)
    {
        int view = AddView(indices.SelectMany(BitConverter.GetBytes).ToArray());
        return Add(
            "accessors",
            new JsonObject { ["bufferView"] = view, ["componentType"] = 5125, ["count"] = indices.Length, ["type"] = "SCALAR" });
    }

    public int AddMesh(float[] positions, uint[]? indices, float[]? normals = null, float[]? uvs = null, int? material = null)
    {
        var attributes = new JsonObject { ["POSITION"] = AddAccessor(positions, "VEC3", minMax: true) };
        if (normals is not null)
        {
            attributes["NORMAL"] = AddAccessor(normals, "VEC3");
        }

        if (uvs is not null)
        {
            attributes["TEXCOORD_0"] = AddAccessor(uvs, "VEC2");
        }

        var primitive = new JsonObject { ["attributes"] = attributes };
        if (indices is not null)
        {
            primitive["indices"] = AddIndices(indices);
        }

        if (material is not null)
        {
            primitive["material"] = material.Value;
        }

        return Add("meshes", new JsonObject { ["primitives"] = new JsonArray { primitive } });
    }

    public int AddNode(JsonObject node, bool root = true)
    {
        int index = Add("nodes", node);
        if (root)
        {
            ((JsonArray)Root["scenes"]![0]!["nodes"]!).Add(index);
        }

        return index;
    }

    public int AddMaterial(JsonObject material) => Add("materials", material);

    public int AddPngTexture(int width, int height, byte[] rgba)
    {
        using var stream = new MemoryStream();
        new ImageWriter().WritePng(rgba, width, height, ColorComponents.RedGreenBlueAlpha, stream);
        int view = AddView(stream.ToArray());
        int image = Add("images", new JsonObject { ["bufferView"] = view, ["mimeType"] = "image/png" });
        int sampler = Add("samplers", new JsonObject { ["wrapS"] = 33071, ["wrapT"] = 33071 });
        return Add("textures", new JsonObject { ["source"] = image, ["sampler"] = sampler });
    }

    /// <summary>Adds a texture whose image is a file beside the scene (written by <see cref="WriteGltf"/>).</summary>
    public int AddExternalTexture(string fileName, byte[] encodedImage)
    {
        _externalImages[fileName] = encodedImage;
        int image = Add("images", new JsonObject { ["uri"] = fileName });
        return Add("textures", new JsonObject { ["source"] = image });
    }

    public int AddCamera(string name, float yfov) =>
        Add(
            "cameras",
            new JsonObject
            {
                ["name"] = name,
                ["type"] = "perspective",
                ["perspective"] = new JsonObject { ["yfov"] = yfov, ["znear"] = 0.01 },
            });

    public int AddLight(JsonObject light)
    {
        Use("KHR_lights_punctual");
        if (Root["extensions"] is not JsonObject extensions)
        {
            extensions = [];
            Root["extensions"] = extensions;
        }

        if (extensions["KHR_lights_punctual"] is not JsonObject lights)
        {
            lights = new JsonObject { ["lights"] = new JsonArray() };
            extensions["KHR_lights_punctual"] = lights;
        }

        var array = (JsonArray)lights["lights"]!;
        array.Add(light);
        return array.Count - 1;
    }

    public void Use(string extension)
    {
        var used = Array("extensionsUsed");
        if (!used.Any(e => e!.GetValue<string>() == extension))
        {
            used.Add(extension);
        }
    }

    /// <summary>Writes a .gltf with its buffer in <c>NAME.bin</c> beside it.</summary>
    public string WriteGltf(string directory, string name = "scene")
    {
        Directory.CreateDirectory(directory);
        var root = Root.DeepClone().AsObject();
        if (_bin.Count > 0)
        {
            File.WriteAllBytes(Path.Combine(directory, name + ".bin"), Padded());
            root["buffers"] = new JsonArray { new JsonObject { ["uri"] = name + ".bin", ["byteLength"] = _bin.Count } };
        }

        foreach (var (file, bytes) in _externalImages)
        {
            File.WriteAllBytes(Path.Combine(directory, file), bytes);
        }

        string path = Path.Combine(directory, name + ".gltf");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    /// <summary>Writes a binary .glb.</summary>
    public string WriteGlb(string directory, string name = "scene")
    {
        Directory.CreateDirectory(directory);
        var root = Root.DeepClone().AsObject();
        if (_bin.Count > 0)
        {
            root["buffers"] = new JsonArray { new JsonObject { ["byteLength"] = _bin.Count } };
        }

        byte[] json = Encoding.UTF8.GetBytes(root.ToJsonString());
        int jsonLength = (json.Length + 3) & ~3;
        byte[] bin = Padded();
        int total = 12 + 8 + jsonLength + (bin.Length > 0 ? 8 + bin.Length : 0);
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x46546C67);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)jsonLength);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 0x4E4F534A);
        bytes.AsSpan(20, jsonLength).Fill((byte)' ');
        json.CopyTo(bytes, 20);
        if (bin.Length > 0)
        {
            int o = 20 + jsonLength;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(o), (uint)bin.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(o + 4), 0x004E4942);
            bin.CopyTo(bytes, o + 8);
        }

        string path = Path.Combine(directory, name + ".glb");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private byte[] Padded()
    {
        var bytes = _bin.ToList();
        while (bytes.Count % 4 != 0)
        {
            bytes.Add(0);
        }

        return [.. bytes];
    }

    private int AddView(byte[] data)
    {
        while (_bin.Count % 4 != 0)
        {
            _bin.Add(0);
        }

        int offset = _bin.Count;
        _bin.AddRange(data);
        return Add("bufferViews", new JsonObject { ["buffer"] = 0, ["byteOffset"] = offset, ["byteLength"] = data.Length });
    }

    private int Add(string array, JsonObject item)
    {
        var items = Array(array);
        items.Add(item);
        return items.Count - 1;
    }
}
