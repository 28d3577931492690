using System.Security.Cryptography;
using Pictor.Contracts.Scenes;

namespace Pictor.Grains.Scenes;

/// <summary>Stores one scene package under its SHA-256; see <see cref="ISceneGrain"/>.</summary>
/// <remarks>
/// Chunks of an upload are buffered in memory only: an activation lost mid-upload loses them and the SDK uploads
/// again. The package is written once, after its hash is checked, so a stored package is always the one its key names
/// and every later upload of it is a no-op (content addressing makes the write idempotent).
/// </remarks>
public sealed class SceneGrain([PersistentState("scene", StorageNames.Grid)] IPersistentState<SceneState> state) : Grain, ISceneGrain
{
    private readonly Dictionary<int, byte[]> _pending = [];

    Task<ScenePackageInfo?> ISceneGrain.GetInfoAsync() => Task.FromResult(Info());

    Task ISceneGrain.PutChunkAsync(int index, byte[] chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (state.State.Package is not null)
        {
            return Task.CompletedTask;
        }

        long maxChunks = ScenePackageInfo.MaxLength / ScenePackageInfo.ChunkSize;
        if (index < 0 || index >= maxChunks || chunk.Length == 0 || chunk.Length > ScenePackageInfo.ChunkSize)
        {
            throw new ArgumentException($"Chunk {index} of {chunk.Length} bytes is not a chunk of a scene package.", nameof(chunk));
        }

        _pending[index] = chunk;
        return Task.CompletedTask;
    }

    async Task<ScenePackageInfo> ISceneGrain.CompleteAsync(int chunkCount)
    {
        if (Info() is { } stored)
        {
            _pending.Clear();
            return stored;
        }

        string key = this.GetPrimaryKeyString();
        try
        {
            if (chunkCount < 1 || Enumerable.Range(0, chunkCount).Any(i => !_pending.ContainsKey(i)) || _pending.Count != chunkCount)
            {
                throw new ArgumentException(
                    $"The upload of scene {key} has chunks {string.Join(",", _pending.Keys.Order())}, not 0..{chunkCount - 1}.",
                    nameof(chunkCount));
            }

            if (Enumerable.Range(0, chunkCount - 1).Any(i => _pending[i].Length != ScenePackageInfo.ChunkSize))
            {
                throw new ArgumentException(
                    $"Every chunk of scene {key} but the last must be {ScenePackageInfo.ChunkSize} bytes.", nameof(chunkCount));
            }

            var package = Enumerable.Range(0, chunkCount).SelectMany(i => _pending[i]).ToArray();
            string hash = Convert.ToHexStringLower(SHA256.HashData(package));
            if (hash != key)
            {
                throw new ArgumentException($"The uploaded bytes hash to {hash}, not to scene {key}.", nameof(chunkCount));
            }

            state.State.Package = package;
            await state.WriteStateAsync();
        }
        finally
        {
            _pending.Clear();
        }

        return Info()!;
    }

    Task<byte[]> ISceneGrain.GetChunkAsync(int index)
    {
        var package = state.State.Package ?? throw new InvalidOperationException(
            $"Scene {this.GetPrimaryKeyString()} has not been uploaded.");
        long start = (long)index * ScenePackageInfo.ChunkSize;
        if (index < 0 || start >= package.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Scene {this.GetPrimaryKeyString()} has no chunk {index}.");
        }

        return Task.FromResult(package.AsSpan((int)start, (int)Math.Min(ScenePackageInfo.ChunkSize, package.Length - start)).ToArray());
    }

    private ScenePackageInfo? Info() => state.State.Package is { } package
        ? new ScenePackageInfo(
            this.GetPrimaryKeyString(), package.Length,
            (int)((package.Length + ScenePackageInfo.ChunkSize - 1) / ScenePackageInfo.ChunkSize))
        : null;
}
