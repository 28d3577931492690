using Orleans.Streams;
using Pictor.Contracts;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Scenes;
using Pictor.Contracts.Workers;

namespace Pictor.Client;

/// <summary>The client SDK: submit jobs, watch progress, fetch frames, read the ledger and workers.</summary>
/// <remarks>
/// Works over any <see cref="IClusterClient"/>: the in-process one of an embedded grid, or a client connected to a
/// cluster.
/// </remarks>
/// <param name="cluster">A connected cluster client with the <see cref="StreamNames.Provider"/> stream provider.</param>
public sealed class PictorClient(IClusterClient cluster)
{
    /// <summary>Rows fetched per frame read; keeps each message under ~4 MiB.</summary>
    private const int MaxFloatsPerRead = 1 << 20;

    /// <summary>The limits checked before a job is sent; the grid checks again with its own.</summary>
    public JobSpecLimits Limits { get; init; } = JobSpecLimits.Default;

    /// <summary>
    /// How long a call is retried through the cluster's transient faults (a silo or gateway killed or restarting) before
    /// it fails; see <see cref="TransientFaults"/>. Zero turns retries off.
    /// </summary>
    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Told of each transient fault a call rides out (for a progress line); may be null.</summary>
    public Action<Exception>? OnRetry { get; init; }

    /// <summary>Validates a spec locally, then submits it under <paramref name="jobId"/>.</summary>
    /// <param name="jobId">The job id, e.g. from <see cref="JobIds.New"/>.</param>
    /// <param name="spec">What to render.</param>
    /// <returns>The job's status after submission.</returns>
    /// <exception cref="ArgumentException">The spec is invalid; nothing was sent.</exception>
    public Task<JobStatus> SubmitAsync(string jobId, RenderJobSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        JobSpecValidator.ThrowIfInvalid(spec, Limits);
        return Retry(() => cluster.GetGrain<IRenderJobGrain>(jobId).SubmitAsync(spec));
    }

    /// <summary>Uploads a scene package once: nothing is sent when the grid already stores one with the same hash.</summary>
    /// <param name="package">The package's canonical bytes.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    /// <returns>The scene hash to put in <see cref="RenderJobSpec.SceneHash"/>.</returns>
    /// <exception cref="ArgumentException">The package is empty or larger than the grid accepts.</exception>
    public async Task<string> UploadSceneAsync(ReadOnlyMemory<byte> package, CancellationToken cancellationToken = default)
    {
        if (package.Length == 0 || package.Length > ScenePackageInfo.MaxLength)
        {
            throw new ArgumentException($"A scene package of {package.Length} bytes cannot be uploaded.", nameof(package));
        }

        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(package.Span));
        var scene = cluster.GetGrain<ISceneGrain>(hash);
        if (await Retry(scene.GetInfoAsync) is not null)
        {
            return hash;
        }

        int chunks = (int)((package.Length + ScenePackageInfo.ChunkSize - 1) / ScenePackageInfo.ChunkSize);
        for (int i = 0; i < chunks; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int start = i * ScenePackageInfo.ChunkSize;
            byte[] chunk = package.Slice(start, Math.Min(ScenePackageInfo.ChunkSize, package.Length - start)).ToArray();
            await Retry(async () =>
            {
                await scene.PutChunkAsync(i, chunk);
                return true;
            });
        }

        await Retry(() => scene.CompleteAsync(chunks));
        return hash;
    }

    /// <summary>Subscribes to a job's progress events. Subscribe before submitting to see every event.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="onEvent">Called for each event.</param>
    /// <returns>The subscription; dispose it to stop watching.</returns>
    public async Task<IAsyncDisposable> WatchAsync(string jobId, Func<JobProgressEvent, Task> onEvent)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var stream = cluster.GetStreamProvider(StreamNames.Provider).GetStream<JobProgressEvent>(
            StreamId.Create(StreamNames.JobProgress, jobId));
        var handle = await Retry(() => stream.SubscribeAsync((e, _) => onEvent(e)));
        return new Subscription(handle);
    }

    /// <summary>Returns a job's status.</summary>
    /// <param name="jobId">The job id.</param>
    /// <returns>The status.</returns>
    public Task<JobStatus> GetStatusAsync(string jobId) => Retry(cluster.GetGrain<IRenderJobGrain>(jobId).GetStatusAsync);

    /// <summary>Cancels a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <returns>The status after cancelling.</returns>
    public Task<JobStatus> CancelAsync(string jobId) => Retry(cluster.GetGrain<IRenderJobGrain>(jobId).CancelAsync);

    /// <summary>Waits until a job completes, fails or is cancelled, polling its status.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="pollInterval">Time between polls.</param>
    /// <param name="cancellationToken">Stops waiting (the job goes on).</param>
    /// <returns>The final status.</returns>
    public async Task<JobStatus> WaitAsync(string jobId, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await GetStatusAsync(jobId);
            if (status.IsFinished || status.Phase == JobPhase.None)
            {
                return status;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    /// <summary>Fetches a stored frame in bounded chunks.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="frame">The frame number.</param>
    /// <param name="cancellationToken">Stops fetching.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="InvalidOperationException">The frame is not stored (yet).</exception>
    public async Task<RenderedFrame> GetFrameAsync(string jobId, int frame, CancellationToken cancellationToken = default)
    {
        var grain = cluster.GetGrain<IFrameGrain>(TilePlan.FrameId(jobId, frame));
        var info = await Retry(grain.GetInfoAsync);
        if (!info.IsStored)
        {
            throw new InvalidOperationException($"Frame {frame} of job {jobId} is not stored.");
        }

        var pixels = new float[(long)info.Width * info.Height * 3];
        int rowsPerRead = Math.Max(1, MaxFloatsPerRead / (info.Width * 3));
        for (int row = 0; row < info.Height; row += rowsPerRead)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(rowsPerRead, info.Height - row);
            int first = row;
            float[] chunk = (await Retry(() => grain.ReadRowsAsync(first, count))).Values;
            chunk.CopyTo(pixels, (long)row * info.Width * 3);
        }

        return new RenderedFrame(frame, info.Width, info.Height, pixels);
    }

    /// <summary>Returns balances per worker and wallet.</summary>
    /// <returns>The ledger summary.</returns>
    public Task<LedgerSummary> GetLedgerSummaryAsync() => Retry(cluster.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey).GetSummaryAsync);

    /// <summary>Reads the whole credit journal in pages.</summary>
    /// <param name="pageSize">Entries per call.</param>
    /// <returns>Every entry, in order.</returns>
    public async Task<IReadOnlyList<LedgerEntry>> ReadJournalAsync(int pageSize = 10_000)
    {
        var ledger = cluster.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
        var all = new List<LedgerEntry>();
        while (true)
        {
            long from = all.Count + 1;
            var page = await Retry(() => ledger.ReadJournalAsync(from, pageSize));
            all.AddRange(page);
            if (page.Count < pageSize)
            {
                return all;
            }
        }
    }

    /// <summary>Lists every registered worker.</summary>
    /// <returns>The workers, by id.</returns>
    public async Task<IReadOnlyList<WorkerInfo>> GetWorkersAsync()
    {
        var ids = await Retry(cluster.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.DefaultKey).ListAsync);
        return await Task.WhenAll(ids.Select(id => Retry(cluster.GetGrain<IWorkerGrain>(id).GetInfoAsync)));
    }

    private Task<T> Retry<T>(Func<Task<T>> call) =>
        RetryWindow <= TimeSpan.Zero ? call() : TransientFaults.RetryAsync(call, RetryWindow, OnRetry);

    private sealed class Subscription(StreamSubscriptionHandle<JobProgressEvent> handle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await handle.UnsubscribeAsync();
    }
}
