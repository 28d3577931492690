using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Scenes;
using Pictor.Rendering.Import;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Grains.Scenes;

/// <summary>A silo's cache of scene packages (by hash) and of the frames evaluated from them, shared by its tiles.</summary>
/// <remarks>
/// A package is fetched from its <see cref="ISceneGrain"/> on first use, checked against its hash, unpacked once and kept
/// for the life of the silo; concurrent tiles of the same scene wait on the same fetch. Evaluated frames (animation,
/// instance BVH, light list) are kept for the last few (scene, frame, settings) keys, since tiles of a frame arrive
/// together. Unpacking and evaluation run off the grain scheduler.
/// </remarks>
public sealed class SiloSceneCache(IGrainFactory grains, ILogger<SiloSceneCache> logger)
{
    private const int FramesKept = 8;

    private readonly ConcurrentDictionary<string, Lazy<Task<SceneGeometry>>> _geometry = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<FrameScene>> _frames = new(StringComparer.Ordinal);
    private readonly Queue<string> _frameOrder = new();
    private readonly Lock _gate = new();

    /// <summary>The frame scene a tile of <paramref name="spec"/> renders, or null for the built-in anchor kernel.</summary>
    /// <param name="spec">The job spec.</param>
    /// <param name="frame">The frame number.</param>
    /// <returns>The frame scene, or null when the spec renders a built-in scene with the naive integrator.</returns>
    /// <exception cref="InvalidOperationException">The package is not uploaded, or does not match its hash.</exception>
    public Task<FrameScene?> GetFrameSceneAsync(RenderJobSpec spec, int frame)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var integrator = spec.Integrator switch
        {
            "naive" => Integrator.Naive,
            "full" => Integrator.Full,
            _ => spec.SceneHash is null ? Integrator.Naive : Integrator.Full,
        };
        if (spec.SceneHash is null && integrator == Integrator.Naive)
        {
            return Task.FromResult<FrameScene?>(null);
        }

        string source = spec.SceneHash ?? spec.Scene;
        var settings = new RenderSettings(integrator, spec.MaxBounces > 0 ? spec.MaxBounces : 8, spec.Camera);
        string key = $"{source}|{frame}|{settings}";
        Task<FrameScene> task;
        lock (_gate)
        {
            if (!_frames.TryGetValue(key, out task!))
            {
                task = EvaluateAsync(source, spec.SceneHash is not null, frame, settings);
                _frames[key] = task;
                _frameOrder.Enqueue(key);
                while (_frameOrder.Count > FramesKept)
                {
                    _frames.Remove(_frameOrder.Dequeue());
                }
            }
        }

        return AsNullable(task, key);
    }

    private async Task<FrameScene?> AsNullable(Task<FrameScene> task, string key)
    {
        try
        {
            return await task;
        }
        catch
        {
            // A failed evaluation is not cached: the next tile tries again.
            lock (_gate)
            {
                _frames.Remove(key);
            }

            throw;
        }
    }

    private async Task<FrameScene> EvaluateAsync(string source, bool package, int frame, RenderSettings settings)
    {
        var lazy = _geometry.GetOrAdd(
            source, s => new Lazy<Task<SceneGeometry>>(() => package ? FetchAsync(s) : Task.Run(() => SceneLoader.Load(s).Geometry)));
        SceneGeometry geometry;
        try
        {
            geometry = await lazy.Value;
        }
        catch
        {
            _geometry.TryRemove(new KeyValuePair<string, Lazy<Task<SceneGeometry>>>(source, lazy));
            throw;
        }

        return await Task.Run(() => FrameScene.Create(geometry, frame, settings));
    }

    private async Task<SceneGeometry> FetchAsync(string hash)
    {
        var scene = grains.GetGrain<ISceneGrain>(hash);
        var info = await scene.GetInfoAsync() ?? throw new InvalidOperationException($"Scene {hash} has not been uploaded.");
        var bytes = new byte[info.Length];
        int offset = 0;
        for (int i = 0; i < info.ChunkCount; i++)
        {
            byte[] chunk = await scene.GetChunkAsync(i);
            chunk.CopyTo(bytes, offset);
            offset += chunk.Length;
        }

        return await Task.Run(() =>
        {
            if (offset != bytes.Length || Convert.ToHexStringLower(SHA256.HashData(bytes)) != hash)
            {
                throw new InvalidOperationException($"Scene {hash} as fetched does not match its hash.");
            }

            var geometry = SceneGeometry.FromPackage(ScenePackageSerializer.Deserialize(bytes));
            logger.LogInformation(
                "Scene {Hash} cached: {Bytes} bytes, {Triangles} triangles", hash, bytes.Length, geometry.Triangles.Length);
            return geometry;
        });
    }
}
