using System.Runtime.InteropServices;

namespace Pictor.Contracts.Jobs;

/// <summary>Float arrays as their raw little-endian bytes, for the wire and for storage.</summary>
/// <remarks>
/// Orleans' serializer writes a float array element by element, each with a field header (5 bytes and a codec call
/// per float); a byte array is one length and a copy. For the million pixels of a GPU's work unit that is about
/// 106 ms against 22 ms to serialize and deserialize (<c>bench/Pictor.Bench.Grid -- --wire</c>). Every float keeps
/// its exact bits (NaN payloads, negative zero). All platforms .NET runs the grid on are little-endian.
/// </remarks>
public static class FloatBytes
{
    /// <summary>The floats' bytes.</summary>
    /// <param name="values">The floats.</param>
    /// <returns>A new array of 4 bytes per float.</returns>
    public static byte[] ToBytes(float[] values) => MemoryMarshal.AsBytes((values ?? []).AsSpan()).ToArray();

    /// <summary>The floats those bytes hold.</summary>
    /// <param name="bytes">4 bytes per float.</param>
    /// <returns>A new float array.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static float[] FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length % sizeof(float) == 0
            ? MemoryMarshal.Cast<byte, float>(bytes).ToArray()
            : throw new ArgumentException($"Pixel data of {bytes.Length} bytes is not a whole number of floats.", nameof(bytes));
    }
}
