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

    [NonSerialized]
    private float[] _pixels = [];

    /// <summary>Linear RGB floats, row-major from the top-left.</summary>
    public float[] Pixels
    {
        get => _pixels;
        set => _pixels = value;
    }

    /// <summary>
    /// The pixels as versions before <see cref="PixelBytes"/> stored them (a float array); written empty now, read when
    /// present.
    /// </summary>
    [Id(2)]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public float[] StoredFloats
    {
        get => [];
        set => _pixels = value is { Length: > 0 } ? value : _pixels;
    }

    /// <summary>
    /// The pixels' raw bytes (<see cref="Contracts.Jobs.FloatBytes"/>): what is stored, about 5× cheaper to write and
    /// read than a float array.
    /// </summary>
    [Id(3)]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public byte[] PixelBytes
    {
        get => Contracts.Jobs.FloatBytes.ToBytes(_pixels);
        set => _pixels = value is { Length: > 0 } ? Contracts.Jobs.FloatBytes.FromBytes(value) : _pixels;
    }
}
