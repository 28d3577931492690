namespace Pictor.Contracts.Jobs;

/// <summary>What a creator asks the grid to render.</summary>
/// <param name="Scene">The scene: <c>builtin:NAME</c> for a built-in scene.</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="SamplesPerPixel">Path samples per pixel.</param>
/// <param name="TileSize">Edge of a square tile in pixels; edge tiles are cut to the frame.</param>
/// <param name="FirstFrame">The first frame number to render.</param>
/// <param name="FrameCount">How many consecutive frames to render.</param>
/// <param name="Seed">Seed of the job's random streams; the same seed renders the same image.</param>
/// <param name="SceneHash">SHA-256 of an uploaded scene package (see <c>ISceneGrain</c>); null for built-in scenes.</param>
/// <param name="Integrator"><c>naive</c> or <c>full</c>; null picks naive for built-in scenes and full for packages.</param>
/// <param name="Camera">Camera name of a scene package; null picks its first camera.</param>
/// <param name="MaxBounces">Maximum path length of scene renders; 0 means the default (8).</param>
/// <param name="Account">
/// The creator account the job charges (see <c>AccountIds</c>); null charges the grid's operator account. Named by the
/// Orleans client until the edge API binds it to an authenticated key.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.RenderJobSpec")]
public sealed record RenderJobSpec(
    [property: Id(0)] string Scene,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] int SamplesPerPixel,
    [property: Id(4)] int TileSize = 64,
    [property: Id(5)] int FirstFrame = 0,
    [property: Id(6)] int FrameCount = 1,
    [property: Id(7)] uint Seed = 0,
    [property: Id(8)] string? SceneHash = null,
    [property: Id(9)] string? Integrator = null,
    [property: Id(10)] string? Camera = null,
    [property: Id(11)] int MaxBounces = 0,
    [property: Id(12)] string? Account = null)
{
    /// <summary>The integrator names a spec may carry.</summary>
    public static IReadOnlyList<string> Integrators { get; } = ["naive", "full"];

    /// <summary>The scene id of the built-in Cornell box with a mirror and a glass sphere.</summary>
    public const string CornellSpheres = "builtin:cornell-spheres";

    /// <summary>Pixel-samples of one frame.</summary>
    public long PixelSamplesPerFrame => (long)Width * Height * SamplesPerPixel;
}
