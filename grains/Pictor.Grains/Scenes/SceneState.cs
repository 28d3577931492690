namespace Pictor.Grains.Scenes;

/// <summary>Persisted state of a scene grain: the package bytes.</summary>
[GenerateSerializer, Alias("pictor.SceneState")]
public sealed class SceneState
{
    /// <summary>The package, or null until an upload completes.</summary>
    [Id(0)]
    public byte[]? Package { get; set; }
}
