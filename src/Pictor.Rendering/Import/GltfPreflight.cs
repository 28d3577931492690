using System.Buffers.Binary;
using System.Text.Json;

namespace Pictor.Rendering.Import;

/// <summary>Checks a .gltf or .glb before any library parses it: the GLB container, the JSON, that every buffer
/// exists and is as long as declared, and that every accessor fits its buffer view and its declared count.</summary>
/// <remarks>These checks bound every allocation the import makes by the bytes actually present, so truncated files,
/// missing buffers and absurd counts end in a <see cref="SceneImportException"/> instead of a crash or a hang.</remarks>
internal static class GltfPreflight
{
    private const uint GlbMagic = 0x46546C67;
    private const uint JsonChunk = 0x4E4F534A;
    private const uint BinChunk = 0x004E4942;

    /// <summary>Reads and checks the file; returns its JSON root.</summary>
    public static JsonElement Check(string path, ImportLimits limits)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new SceneImportException($"Scene file '{path}' does not exist.");
        }

        if (info.Length > limits.MaxFileBytes)
        {
            throw new SceneImportException($"Scene file '{path}' is {info.Length} bytes; the limit is {limits.MaxFileBytes}.");
        }

        byte[] bytes = File.ReadAllBytes(path);
        long binLength = -1;
        ReadOnlySpan<byte> json = bytes;
        if (bytes.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == GlbMagic)
        {
            json = ReadGlb(bytes, out binLength);
        }
        else if (string.Equals(Path.GetExtension(path), ".glb", StringComparison.OrdinalIgnoreCase))
        {
            throw new SceneImportException($"'{path}' is not a GLB file (no glTF magic at its start).");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 128 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new SceneImportException($"'{path}' is not valid glTF JSON (truncated or corrupt): {e.Message}", e);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SceneImportException($"'{path}': the glTF JSON is not an object.");
        }

        string version = root.TryGetProperty("asset", out var asset) && asset.TryGetProperty("version", out var v)
            && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        if (!version.StartsWith("2.", StringComparison.Ordinal))
        {
            throw new SceneImportException($"'{path}' declares glTF version '{version}'; only 2.x is supported.");
        }

        var bufferLengths = CheckBuffers(root, path, binLength, limits);
        CheckImageFiles(root, path);
        CheckAccessors(root, bufferLengths, limits);
        return root;
    }

    private static ReadOnlySpan<byte> ReadGlb(byte[] bytes, out long binLength)
    {
        binLength = -1;
        if (bytes.Length < 20)
        {
            throw new SceneImportException($"GLB is truncated: {bytes.Length} bytes, not even a header and a chunk header.");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version != 2)
        {
            throw new SceneImportException($"GLB container version {version} is not 2.");
        }

        if (length > bytes.Length)
        {
            throw new SceneImportException($"GLB is truncated: its header declares {length} bytes, the file has {bytes.Length}.");
        }

        int offset = 12;
        ReadOnlySpan<byte> json = default;
        bool first = true;
        while (offset + 8 <= length)
        {
            uint chunkLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            uint chunkType = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (offset + 8L + chunkLength > length)
            {
                throw new SceneImportException($"GLB is truncated: a chunk of {chunkLength} bytes at offset {offset} runs past the end.");
            }

            if (first && chunkType != JsonChunk)
            {
                throw new SceneImportException("GLB's first chunk is not JSON.");
            }

            if (chunkType == JsonChunk && first)
            {
                json = bytes.AsSpan(offset + 8, (int)chunkLength);
            }
            else if (chunkType == BinChunk && binLength < 0)
            {
                binLength = chunkLength;
            }

            first = false;
            offset += 8 + (int)chunkLength;
        }

        if (first)
        {
            throw new SceneImportException("GLB has no JSON chunk.");
        }

        return json;
    }

    private static long[] CheckBuffers(JsonElement root, string path, long binLength, ImportLimits limits)
    {
        var buffers = Array(root, "buffers");
        var lengths = new long[buffers.Length];
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        for (int i = 0; i < buffers.Length; i++)
        {
            long declared = Long(buffers[i], "byteLength", -1);
            if (declared < 0 || declared > limits.MaxFileBytes)
            {
                throw new SceneImportException($"Buffer {i} declares byteLength {declared}.");
            }

            long actual;
            if (!buffers[i].TryGetProperty("uri", out var uri) || uri.ValueKind != JsonValueKind.String)
            {
                if (binLength < 0)
                {
                    throw new SceneImportException($"Buffer {i} has no uri and the file has no GLB binary chunk: the buffer is missing.");
                }

                actual = binLength;
            }
            else
            {
                string text = uri.GetString()!;
                if (text.StartsWith("data:", StringComparison.Ordinal))
                {
                    int comma = text.IndexOf(',', StringComparison.Ordinal);
                    actual = comma < 0 ? 0 : (text.Length - comma - 1) / 4 * 3;
                }
                else
                {
                    string file = Path.GetFullPath(Path.Combine(directory, Uri.UnescapeDataString(text)));
                    if (!File.Exists(file))
                    {
                        throw new SceneImportException($"Buffer {i} refers to '{text}', which does not exist next to the scene.");
                    }

                    actual = new FileInfo(file).Length;
                }
            }

            if (actual < declared)
            {
                throw new SceneImportException($"Buffer {i} declares {declared} bytes but holds only {actual}: it is truncated.");
            }

            lengths[i] = declared;
        }

        return lengths;
    }

    private static void CheckImageFiles(JsonElement root, string path)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var images = Array(root, "images");
        for (int i = 0; i < images.Length; i++)
        {
            string? uri = String(images[i], "uri");
            if (uri is not null && !uri.StartsWith("data:", StringComparison.Ordinal)
                && !File.Exists(Path.Combine(directory, Uri.UnescapeDataString(uri))))
            {
                throw new SceneImportException($"Image {i} refers to '{uri}', which does not exist next to the scene.");
            }
        }
    }

    private static void CheckAccessors(JsonElement root, long[] bufferLengths, ImportLimits limits)
    {
        var views = Array(root, "bufferViews");
        var viewLengths = new long[views.Length];
        var viewStrides = new long[views.Length];
        for (int i = 0; i < views.Length; i++)
        {
            int buffer = Int(views[i], "buffer", -1);
            long offset = Long(views[i], "byteOffset", 0);
            long length = Long(views[i], "byteLength", -1);
            if ((uint)buffer >= (uint)bufferLengths.Length || offset < 0 || length < 0 || offset + length > bufferLengths[buffer])
            {
                throw new SceneImportException($"Buffer view {i} (buffer {buffer}, offset {offset}, length {length}) lies " +
                    $"outside its buffer.");
            }

            viewLengths[i] = length;
            viewStrides[i] = Long(views[i], "byteStride", 0);
        }

        var accessors = Array(root, "accessors");
        for (int i = 0; i < accessors.Length; i++)
        {
            var a = accessors[i];
            long count = Long(a, "count", -1);
            if (count < 0 || count > limits.MaxAccessorElements)
            {
                throw new SceneImportException($"Accessor {i} declares {count} elements; the limit is {limits.MaxAccessorElements}.");
            }

            int components = ComponentsOf(
                a.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : string.Empty);
            int size = ComponentSize(Int(a, "componentType", 0));
            if (components == 0 || size == 0)
            {
                throw new SceneImportException($"Accessor {i} has an unknown type or component type.");
            }

            if (!a.TryGetProperty("bufferView", out var viewElement))
            {
                continue;
            }

            int view = viewElement.ValueKind == JsonValueKind.Number ? viewElement.GetInt32() : -1;
            if ((uint)view >= (uint)viewLengths.Length)
            {
                throw new SceneImportException($"Accessor {i} names buffer view {view}, which does not exist.");
            }

            long element = (long)components * size;
            long stride = viewStrides[view] > 0 ? viewStrides[view] : element;
            long needed = count == 0 ? 0 : Long(a, "byteOffset", 0) + (stride * (count - 1)) + element;
            if (needed > viewLengths[view])
            {
                throw new SceneImportException($"Accessor {i} declares {count} elements ({needed} bytes) but its buffer view holds " +
                    $"{viewLengths[view]} bytes.");
            }
        }
    }

    private static int ComponentsOf(string type) => type switch
    {
        "SCALAR" => 1,
        "VEC2" => 2,
        "VEC3" => 3,
        "VEC4" => 4,
        "MAT2" => 4,
        "MAT3" => 9,
        "MAT4" => 16,
        _ => 0,
    };

    private static int ComponentSize(int componentType) => componentType switch
    {
        5120 or 5121 => 1,
        5122 or 5123 => 2,
        5125 or 5126 => 4,
        _ => 0,
    };

    public static JsonElement[] Array(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : [];

    public static int Int(JsonElement parent, string name, int fallback) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v : fallback;

    public static long Long(JsonElement parent, string name, long fallback) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : fallback;

    public static float Float(JsonElement parent, string name, float fallback) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number ? (float)e.GetDouble() : fallback;

    public static float[] Floats(JsonElement parent, string name, float[] fallback)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != fallback.Length)
        {
            return fallback;
        }

        return [.. e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? (float)x.GetDouble() : 0f)];
    }

    public static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    public static bool Bool(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.True;

    public static bool TryObject(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static IEnumerable<string> ExtensionNames(JsonElement element) =>
        TryObject(element, "extensions", out var extensions) ? extensions.EnumerateObject().Select(p => p.Name) : [];
}
