using System.Text.Json.Nodes;
using Pictor.Rendering.Import;

namespace Pictor.Rendering.Tests;

/// <summary>Broken files end in a <see cref="SceneImportException"/> that says what is wrong, never in a crash.</summary>
public sealed class MalformedGltfTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pictor-bad-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.01)]
    public void TruncatedGlb_IsRejected(double keep)
    {
        string path = GltfImportTests.SimpleScene().WriteGlb(_dir);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(path));
        Assert.Contains("truncated", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void TruncatedJson_IsRejected()
    {
        string path = GltfImportTests.SimpleScene().WriteGltf(_dir);
        string text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(path));
        Assert.Contains("not valid glTF JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void TruncatedBufferFile_IsRejected()
    {
        string path = GltfImportTests.SimpleScene().WriteGltf(_dir);
        string bin = Path.ChangeExtension(path, ".bin");
        File.WriteAllBytes(bin, File.ReadAllBytes(bin)[..10]);
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(path));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void MissingBufferFile_IsRejected()
    {
        string path = GltfImportTests.SimpleScene().WriteGltf(_dir);
        File.Delete(Path.ChangeExtension(path, ".bin"));
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(path));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void GlbWithoutBinaryChunk_IsRejected()
    {
        var file = GltfImportTests.SimpleScene();
        string path = file.WriteGlb(_dir);
        byte[] bytes = File.ReadAllBytes(path);
        int jsonLength = BitConverter.ToInt32(bytes, 12);
        byte[] cut = bytes[..(20 + jsonLength)];
        BitConverter.GetBytes(cut.Length).CopyTo(cut, 8);
        File.WriteAllBytes(path, cut);
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(path));
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void IndexPastTheVertices_IsRejected()
    {
        var file = new GltfTestFile();
        int mesh = file.AddMesh(GltfTestFile.QuadPositions(1f), [0, 1, 2, 0, 2, 7]);
        file.AddNode(new JsonObject { ["mesh"] = mesh });
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(file.WriteGltf(_dir)));
        // SharpGLTF's validation ("out of bounds") or the importer's own check ("out of range") names it.
        Assert.Contains("out of", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(1_000L)]
    [InlineData(2_000_000_000L)]
    [InlineData(9_000_000_000_000L)]
    public void AccessorCountBeyondItsBuffer_IsRejectedBeforeAllocating(long count)
    {
        var file = GltfImportTests.SimpleScene();
        file.Array("accessors")[0]!["count"] = count;
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(file.WriteGlb(_dir)));
        Assert.Contains("Accessor 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void BufferViewPastItsBuffer_IsRejected()
    {
        var file = GltfImportTests.SimpleScene();
        file.Array("bufferViews")[0]!["byteLength"] = 1 << 30;
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(file.WriteGltf(_dir)));
        Assert.Contains("outside its buffer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void NodeCycle_IsRejected()
    {
        var file = GltfImportTests.SimpleScene();
        file.AddNode(new JsonObject { ["children"] = new JsonArray(2) }, root: false);
        file.AddNode(new JsonObject { ["children"] = new JsonArray(1) });
        // SharpGLTF's own validation or the importer's hierarchy walk catches it, whichever runs first.
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(file.WriteGltf(_dir)));
        Assert.Contains("scene.gltf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void RequiredUnsupportedExtension_IsRejectedByName()
    {
        var file = GltfImportTests.SimpleScene();
        file.Array("extensionsUsed").Add("KHR_draco_mesh_compression");
        file.Array("extensionsRequired").Add("KHR_draco_mesh_compression");
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(file.WriteGltf(_dir)));
        Assert.Contains("KHR_draco_mesh_compression", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("garbage.glb", "not a GLB")]
    [InlineData("garbage.gltf", "not valid glTF JSON")]
    [InlineData("version.gltf", "version")]
    public void NotGltfAtAll_IsRejected(string name, string expected)
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, name);
        File.WriteAllText(
            path, name.StartsWith("version", StringComparison.Ordinal) ? "{\"asset\":{\"version\":\"1.0\"}}" : "\u0001\u0002 not a scene");
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void MissingFile_IsRejected()
    {
        var e = Assert.Throws<SceneImportException>(() => SceneLoader.Load(Path.Combine(_dir, "nothing.gltf")));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
