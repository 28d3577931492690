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

    /// <summary>How many items a blob holds.</summary>
    /// <typeparam name="T">An unmanaged struct.</typeparam>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The item count.</returns>
    /// <exception cref="InvalidDataException">The length is not a multiple of the struct size.</exception>
    public static int Count<T>(byte[] bytes)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(bytes);
        int size = Marshal.SizeOf<T>();
        if (bytes.Length % size != 0)
        {
            throw new InvalidDataException($"A blob of {bytes.Length} bytes is not a whole number of {typeof(T).Name} ({size} bytes).");
        }

        return bytes.Length / size;
    }

    /// <summary>Reads a blob into the start of <paramref name="destination"/>, without an intermediate array.</summary>
    /// <typeparam name="T">An unmanaged struct.</typeparam>
    /// <param name="bytes">The bytes.</param>
    /// <param name="destination">Room for at least <see cref="Count{T}"/> items.</param>
    /// <returns>The number of items read.</returns>
    public static int CopyTo<T>(byte[] bytes, Span<T> destination)
        where T : unmanaged
    {
        EnsureLittleEndian();
        int count = Count<T>(bytes);
        bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(destination[..count]));
        return count;
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Scene packages are little-endian; this host is not.");
        }
    }
}
