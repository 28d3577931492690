using System.Text.Json;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;
using SharpGLTF.Schema2;
using StbImageSharp;

namespace Pictor.Rendering.Import;

/// <summary>Reads glTF materials (metallic-roughness, emissive strength, transmission, IOR, doubleSided) and decodes
/// the base colour textures they use.</summary>
internal sealed class GltfMaterialReader(ModelRoot model, JsonElement root, ImportLimits limits, ImportWarnings warnings, SceneDraft draft)
{
    private static readonly HashSet<string> SupportedExtensions = new(StringComparer.Ordinal)
    {
        "KHR_materials_emissive_strength", "KHR_materials_transmission", "KHR_materials_ior",
    };

    private readonly Dictionary<int, int> _materials = [];
    private readonly Dictionary<int, int> _textures = [];
    private int _defaultMaterial = -1;

    /// <summary>The draft's material index for glTF material <paramref name="index"/> (−1: the glTF default material).</summary>
    public int Resolve(int index)
    {
        var materials = GltfPreflight.Array(root, "materials");
        if (index < 0)
        {
            if (_defaultMaterial < 0)
            {
                _defaultMaterial = draft.Materials.Count;
                draft.Materials.Add(MaterialData.GltfDefault());
            }

            return _defaultMaterial;
        }

        if (index >= materials.Length)
        {
            throw new SceneImportException($"A primitive names material {index}; the file has {materials.Length}.");
        }

        if (!_materials.TryGetValue(index, out int resolved))
        {
            resolved = draft.Materials.Count;
            draft.Materials.Add(Read(materials[index]));
            _materials[index] = resolved;
        }

        return resolved;
    }

    private MaterialData Read(JsonElement json)
    {
        var material = MaterialData.GltfDefault();
        if (GltfPreflight.TryObject(json, "pbrMetallicRoughness", out var pbr))
        {
            var color = GltfPreflight.Floats(pbr, "baseColorFactor", [1f, 1f, 1f, 1f]);
            material.BaseColor = new Float3(Clamp01(color[0]), Clamp01(color[1]), Clamp01(color[2]));
            material.Metallic = Clamp01(GltfPreflight.Float(pbr, "metallicFactor", 1f));
            material.Roughness = Clamp01(GltfPreflight.Float(pbr, "roughnessFactor", 1f));
            if (GltfPreflight.TryObject(pbr, "baseColorTexture", out var textureInfo))
            {
                material.BaseColorTexture = Texture(textureInfo);
            }

            if (GltfPreflight.TryObject(pbr, "metallicRoughnessTexture", out var metallicRoughness))
            {
                int texture = Texture(metallicRoughness);
                if (texture >= 0)
                {
                    material.MetallicRoughnessTexture = texture;
                    material.Flags |= MaterialFlags.MetallicRoughnessTexture;
                }
            }
        }

        var emissive = GltfPreflight.Floats(json, "emissiveFactor", [0f, 0f, 0f]);
        float strength = 1f;
        if (GltfPreflight.TryObject(json, "extensions", out var extensions))
        {
            foreach (var extension in extensions.EnumerateObject())
            {
                if (!SupportedExtensions.Contains(extension.Name))
                {
                    warnings.Add($"material extension {extension.Name} is not supported and is ignored");
                }
            }

            if (GltfPreflight.TryObject(extensions, "KHR_materials_emissive_strength", out var emissiveStrength))
            {
                strength = MathF.Max(0f, GltfPreflight.Float(emissiveStrength, "emissiveStrength", 1f));
            }

            if (GltfPreflight.TryObject(extensions, "KHR_materials_transmission", out var transmission))
            {
                material.Transmission = Clamp01(GltfPreflight.Float(transmission, "transmissionFactor", 0f));
                if (transmission.TryGetProperty("transmissionTexture", out _))
                {
                    warnings.Add("transmissionTexture is ignored (the factor applies)");
                }
            }

            if (GltfPreflight.TryObject(extensions, "KHR_materials_ior", out var ior))
            {
                float value = GltfPreflight.Float(ior, "ior", 1.5f);
                material.Ior = value >= 1f && value <= 10f ? value : 1.5f;
            }
        }

        material.Emission = new Float3(MathF.Max(0f, emissive[0]), MathF.Max(0f, emissive[1]), MathF.Max(0f, emissive[2])) * strength;
        if (GltfPreflight.Bool(json, "doubleSided"))
        {
            material.Flags |= MaterialFlags.DoubleSided;
        }

        string alpha = GltfPreflight.String(json, "alphaMode") ?? "OPAQUE";
        if (alpha != "OPAQUE")
        {
            warnings.Add($"alphaMode {alpha} is not supported; surfaces render opaque");
        }

        if (GltfPreflight.TryObject(json, "emissiveTexture", out var emissiveTexture))
        {
            int texture = Texture(emissiveTexture);
            if (texture >= 0)
            {
                material.EmissiveTexture = texture;
                material.Flags |= MaterialFlags.EmissiveTexture;
            }
        }

        foreach (string unsupported in new[] { "normalTexture", "occlusionTexture" })
        {
            if (json.TryGetProperty(unsupported, out _))
            {
                warnings.Add($"{unsupported} is ignored");
            }
        }

        return material;
    }

    private int Texture(JsonElement textureInfo)
    {
        int index = GltfPreflight.Int(textureInfo, "index", -1);
        if (GltfPreflight.Int(textureInfo, "texCoord", 0) != 0)
        {
            warnings.Add("base colour textures on TEXCOORD_1 or higher are sampled with TEXCOORD_0");
        }

        if (GltfPreflight.TryObject(textureInfo, "extensions", out var extensions)
            && extensions.TryGetProperty("KHR_texture_transform", out _))
        {
            warnings.Add("KHR_texture_transform is ignored");
        }

        if (_textures.TryGetValue(index, out int cached))
        {
            return cached;
        }

        int resolved = Decode(index);
        _textures[index] = resolved;
        return resolved;
    }

    private int Decode(int index)
    {
        var textures = GltfPreflight.Array(root, "textures");
        if ((uint)index >= (uint)textures.Length)
        {
            throw new SceneImportException($"A material names texture {index}; the file has {textures.Length}.");
        }

        int source = GltfPreflight.Int(textures[index], "source", -1);
        if (source < 0)
        {
            warnings.Add($"texture {index} has no PNG or JPEG source (e.g. only a WebP or KTX2 extension) and is ignored");
            return -1;
        }

        if (source >= model.LogicalImages.Count)
        {
            throw new SceneImportException($"Texture {index} names image {source}; the file has {model.LogicalImages.Count}.");
        }

        var content = model.LogicalImages[source].Content;
        if (!content.IsPng && !content.IsJpg)
        {
            warnings.Add($"image {source} is {content.MimeType}; only PNG and JPEG are decoded, so it is ignored");
            return -1;
        }

        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(content.Content.ToArray(), ColorComponents.RedGreenBlueAlpha);
        }
        catch (Exception e)
        {
            throw new SceneImportException($"Image {source} could not be decoded: {e.Message}", e);
        }

        if ((long)image.Width * image.Height > limits.MaxTexturePixels)
        {
            warnings.Add($"image {source} ({image.Width}x{image.Height}) is larger than {limits.MaxTexturePixels} pixels and is ignored");
            return -1;
        }

        int wrapS = 0, wrapT = 0;
        int sampler = GltfPreflight.Int(textures[index], "sampler", -1);
        var samplers = GltfPreflight.Array(root, "samplers");
        if ((uint)sampler < (uint)samplers.Length)
        {
            wrapS = Wrap(GltfPreflight.Int(samplers[sampler], "wrapS", 10497));
            wrapT = Wrap(GltfPreflight.Int(samplers[sampler], "wrapT", 10497));
        }

        draft.Textures.Add(
            new PackageTexture { Width = image.Width, Height = image.Height, WrapS = wrapS, WrapT = wrapT, Rgba = image.Data });
        return draft.Textures.Count - 1;
    }

    private static int Wrap(int mode) => mode switch
    {
        33071 => (int)TextureWrap.Clamp,
        33648 => (int)TextureWrap.Mirror,
        _ => (int)TextureWrap.Repeat,
    };

    private static float Clamp01(float v) => v >= 0f ? MathF.Min(v, 1f) : 0f;
}
