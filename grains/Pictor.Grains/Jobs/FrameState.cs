namespace Pictor.Grains.Jobs;

/// <summary>Persisted state of a frame grain: the finished frame.</summary>
[GenerateSerializer, Alias("pictor.FrameState")]
public sealed class FrameState
{
    /// <summary>Width in pixels, 0 until stored.</summary>
    [Id(0)]
    public int Width { get; set; }

    /// <summary>Height in pixels, 0 until stored.</summary>
    [Id(1)]
    public int Height { get; set; }

    /// <summary>Linear RGB floats, row-major from the top-left.</summary>
    [Id(2)]
    public float[] Pixels { get; set; } = [];
}
