using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Import;

/// <summary>Resolves a scene id — <c>builtin:NAME</c>, a .gltf or .glb file — to a packaged, ready scene.</summary>
public static class SceneLoader
{
    /// <summary>Whether a scene id names a glTF file rather than a built-in scene.</summary>
    /// <param name="scene">The scene id.</param>
    /// <returns>True for paths ending in .gltf or .glb.</returns>
    public static bool IsGltf(string scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        string ext = Path.GetExtension(scene);
        return ext.Equals(".gltf", StringComparison.OrdinalIgnoreCase) || ext.Equals(".glb", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Imports (or builds) and packages a scene.</summary>
    /// <param name="scene"><c>builtin:NAME</c> or a path to a .gltf/.glb file.</param>
    /// <param name="limits">Import limits for files.</param>
    /// <returns>The loaded scene.</returns>
    /// <exception cref="SceneImportException">The file cannot be imported, or the id names nothing known.</exception>
    public static LoadedScene Load(string scene, ImportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        SceneDraft draft;
        if (scene.StartsWith(BuiltinScenes.Prefix, StringComparison.Ordinal))
        {
            string name = scene[BuiltinScenes.Prefix.Length..];
            if (!BuiltinScenes.Names.Contains(name))
            {
                throw new SceneImportException($"Unknown built-in scene '{name}' (known: {string.Join(", ", BuiltinScenes.Names)}).");
            }

            draft = BuiltinScenes.Create(name);
        }
        else if (IsGltf(scene))
        {
            draft = GltfImporter.Import(scene, limits);
        }
        else
        {
            throw new SceneImportException($"Scene '{scene}' is neither builtin:NAME nor a .gltf or .glb file.");
        }

        return FromDraft(draft);
    }

    /// <summary>Packages a draft.</summary>
    /// <param name="draft">The draft.</param>
    /// <returns>The loaded scene.</returns>
    public static LoadedScene FromDraft(SceneDraft draft)
    {
        var package = ScenePackageBuilder.Build(draft, out var statistics);
        byte[] bytes = ScenePackageSerializer.Serialize(package);
        return new LoadedScene(package, bytes, ScenePackageSerializer.Hash(bytes), SceneGeometry.FromPackage(package), statistics);
    }
}
