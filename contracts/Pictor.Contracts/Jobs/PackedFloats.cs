namespace Pictor.Contracts.Jobs;

/// <summary>A float array that crosses the wire as raw bytes (<see cref="FloatBytes"/>): frames and their row ranges.</summary>
[GenerateSerializer, Immutable, Alias("pictor.PackedFloats")]
public sealed class PackedFloats
{
    [NonSerialized]
    private float[] _values;

    /// <summary>Wraps floats.</summary>
    /// <param name="values">The floats (not copied).</param>
    public PackedFloats(float[] values) => _values = values ?? throw new ArgumentNullException(nameof(values));

    /// <summary>An empty array, for the serializer.</summary>
    public PackedFloats()
        : this([])
    {
    }

    /// <summary>The floats.</summary>
    public float[] Values => _values;

    /// <summary>The floats' bytes: what is serialized. The setter is for the serializer only.</summary>
    [Id(0)]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public byte[] Bytes
    {
        get => FloatBytes.ToBytes(_values);
        set => _values = FloatBytes.FromBytes(value);
    }
}
