using Pictor.Rendering.Packages;

namespace Pictor.Rendering.Scenes;

/// <summary>The scenes the renderer knows by name (<c>builtin:NAME</c>).</summary>
public static class BuiltinScenes
{
    /// <summary>The prefix of built-in scene ids.</summary>
    public const string Prefix = "builtin:";

    /// <summary>Names of the built-in scenes.</summary>
    public static IReadOnlyList<string> Names { get; } = [CornellSpheres.Name];

    /// <summary>Builds the draft of a built-in scene.</summary>
    /// <param name="name">The name, without <see cref="Prefix"/>.</param>
    /// <returns>The draft.</returns>
    /// <exception cref="ArgumentException">No built-in scene has that name.</exception>
    public static SceneDraft Create(string name) => name switch
    {
        CornellSpheres.Name => CornellSpheresDraft.Create(),
        _ => throw new ArgumentException($"Unknown built-in scene '{name}' (known: {string.Join(", ", Names)}).", nameof(name)),
    };
}
