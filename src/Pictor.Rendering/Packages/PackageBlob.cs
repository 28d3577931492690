using System.Runtime.InteropServices;

namespace Pictor.Rendering.Packages;

/// <summary>Struct arrays as little-endian byte blobs inside packages.</summary>
public static class PackageBlob
{
    /// <summary>Copies a struct array into bytes.</summary>
    /// <typeparam name="T">An unmanaged struct.</typeparam>
    /// <param name="items">The items.</param>
    /// <returns>The bytes.</returns>
    public static byte[] From<T>(ReadOnlySpan<T> items)
        where T : unmanaged
    {
        EnsureLittleEndian();
        return MemoryMarshal.AsBytes(items).ToArray();
    }

    /// <summary>Reads a struct array back.</summary>
    /// <typeparam name="T">An unmanaged struct.</typeparam>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The items.</returns>
    /// <exception cref="InvalidDataException">The length is not a multiple of the struct size.</exception>
    public static T[] To<T>(byte[] bytes)
        where T : unmanaged
    {
        EnsureLittleEndian();
        ArgumentNullException.ThrowIfNull(bytes);
        int size = Marshal.SizeOf<T>();
        if (bytes.Length % size != 0)
        {
            throw new InvalidDataException($"A blob of {bytes.Length} bytes is not a whole number of {typeof(T).Name} ({size} bytes).");
        }

        var items = new T[bytes.Length / size];
        bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(items.AsSpan()));
        return items;
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Scene packages are little-endian; this host is not.");
        }
    }
}
