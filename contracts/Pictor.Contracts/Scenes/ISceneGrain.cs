using Pictor.Contracts.Security;

namespace Pictor.Contracts.Scenes;

/// <summary>Holds one scene package, addressed by the SHA-256 of its bytes: uploaded once in chunks, read by silos.</summary>
/// <remarks>
/// Keyed by the lower-case hex SHA-256 of the package. An upload sends every chunk with <see cref="PutChunkAsync"/>
/// (in any order; at most <see cref="ScenePackageInfo.ChunkSize"/> bytes each), then <see cref="CompleteAsync"/>, which
/// stores the package only if its hash equals the key. Uploading a stored package again is a no-op.
/// </remarks>
[Alias("pictor.ISceneGrain")]
public interface ISceneGrain : IGrainWithStringKey
{
    /// <summary>Describes the stored package.</summary>
    /// <returns>The package's size and chunking, or null when nothing is stored under this hash.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetInfo")]
    Task<ScenePackageInfo?> GetInfoAsync();

    /// <summary>Buffers one chunk of an upload.</summary>
    /// <param name="index">Chunk index, from 0.</param>
    /// <param name="chunk">The bytes; every chunk but the last is exactly <see cref="ScenePackageInfo.ChunkSize"/> long.</param>
    /// <returns>A task that completes when the chunk is buffered.</returns>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("PutChunk")]
    Task PutChunkAsync(int index, byte[] chunk);

    /// <summary>Joins the buffered chunks, checks the hash against the key and stores the package.</summary>
    /// <param name="chunkCount">How many chunks the upload has.</param>
    /// <returns>The stored package's description.</returns>
    /// <exception cref="ArgumentException">Chunks are missing or the bytes do not hash to the key; the upload is dropped.</exception>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("Complete")]
    Task<ScenePackageInfo> CompleteAsync(int chunkCount);

    /// <summary>Reads one chunk of the stored package.</summary>
    /// <param name="index">Chunk index, from 0.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">No package is stored.</exception>
    [CallableBy(Callers.Anyone)]
    [Alias("GetChunk")]
    Task<byte[]> GetChunkAsync(int index);
}
