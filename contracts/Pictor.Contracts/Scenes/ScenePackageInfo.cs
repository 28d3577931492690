namespace Pictor.Contracts.Scenes;

/// <summary>A stored scene package: its hash, size and how it is chunked.</summary>
/// <param name="Hash">Lower-case hex SHA-256 of the package bytes.</param>
/// <param name="Length">Package size in bytes.</param>
/// <param name="ChunkCount">Number of chunks to read.</param>
[GenerateSerializer, Immutable, Alias("pictor.ScenePackageInfo")]
public sealed record ScenePackageInfo(
    [property: Id(0)] string Hash,
    [property: Id(1)] long Length,
    [property: Id(2)] int ChunkCount)
{
    /// <summary>Bytes per chunk (the last chunk may be shorter); keeps every message small.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Largest package the grid accepts.</summary>
    public const long MaxLength = 1L << 30;

    /// <summary>Whether a string is a scene hash: 64 lower-case hex digits.</summary>
    /// <param name="hash">The text.</param>
    /// <returns>True when it is.</returns>
    public static bool IsHash(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
