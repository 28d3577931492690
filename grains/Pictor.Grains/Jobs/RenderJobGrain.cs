using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Pictor.Grains.Placement;
using Pictor.Contracts;
using Pictor.Contracts.Jobs;
using Pictor.Rendering.Imaging;

namespace Pictor.Grains.Jobs;

/// <summary>Runs a render job: plans tiles, keeps a window of them in flight, assembles and stores frames, credits workers.</summary>
/// <remarks>
/// Order of effects per tile: the tile grain stores its pixels, the ledger records the credit keyed by tile id,
/// then the job marks the tile done. A crash between any two steps repeats the later ones, and each is
/// idempotent, so nothing is lost and nobody is paid twice. A reminder re-activates a running job after its
/// activation or silo goes away; activation resumes from the stored bits.
/// </remarks>
public sealed partial class RenderJobGrain(
    [PersistentState("job", StorageNames.Grid)] IPersistentState<RenderJobState> state,
    IOptions<GridOptions> options,
    DeviceDirectoryCache capacity,
    TimeProvider clock,
    ILogger<RenderJobGrain> logger) : Grain, IRenderJobGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private readonly GridOptions _options = options.Value;
    private readonly Dictionary<int, FrameBuffer> _frames = [];
    private readonly Dictionary<int, List<string>> _frameUnits = [];
    private Task? _run;
    private bool _deactivating;
    private IAsyncStream<JobProgressEvent>? _progress;

    private string JobId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _progress = this.GetStreamProvider(StreamNames.Provider).GetStream<JobProgressEvent>(StreamId.Create(StreamNames.JobProgress, JobId));
        if (state.State.Phase == JobPhase.Running)
        {
            LogResuming(JobId, state.State.TilesDone);
            StartRun();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The dispatch loop must not outlive its activation (e.g. while the silo shuts down): it stops at its next
        // turn, and the next activation, woken by the reminder or any call, resumes from the stored bits.
        _deactivating = true;
        return Task.CompletedTask;
    }

    async Task<JobStatus> IRenderJobGrain.SubmitAsync(RenderJobSpec spec)
    {
        if (state.State.Spec is { } existing)
        {
            // A client that retries a submit after a timeout must not start a second job, nor be refused.
            if (existing == spec)
            {
                return Status();
            }

            throw new ArgumentException($"Job {JobId} already exists with a different spec.", nameof(spec));
        }

        JobSpecValidator.ThrowIfInvalid(spec, _options.Limits);
        long tiles = (long)TilePlan.TilesPerFrame(spec) * spec.FrameCount;
        if (tiles > _options.MaxTilesPerJob)
        {
            throw new ArgumentException($"Invalid job spec: {tiles} tiles exceed the limit of {_options.MaxTilesPerJob} per job; use larger tiles or fewer frames.", nameof(spec));
        }

        var s = state.State;
        s.Spec = spec;
        s.Phase = JobPhase.Running;
        s.DoneTiles = BitSet.Create((int)tiles);
        s.StoredFrames = BitSet.Create(spec.FrameCount);
        s.SubmittedAt = clock.GetUtcNow();
        s.CheckSecret = BitConverter.ToUInt32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        LogSubmitted(JobId, spec.Width, spec.Height, spec.SamplesPerPixel, tiles);
        StartRun();
        return Status();
    }

    Task<JobStatus> IRenderJobGrain.GetStatusAsync() => Task.FromResult(Status());

    async Task<JobStatus> IRenderJobGrain.CancelAsync()
    {
        if (state.State.Phase == JobPhase.Running)
        {
            state.State.Phase = JobPhase.Cancelled;
            state.State.FinishedAt = clock.GetUtcNow();
            await state.WriteStateAsync();
            await StopReminderAsync();
        }

        return Status();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Phase == JobPhase.Running)
        {
            StartRun();
        }
        else
        {
            await StopReminderAsync();
        }
    }

    private JobStatus Status()
    {
        var s = state.State;
        int total = s.Spec is null ? 0 : TilePlan.TilesPerFrame(s.Spec) * s.Spec.FrameCount;
        return new JobStatus(JobId, s.Phase, s.Spec, total, s.TilesDone, s.FramesDone, s.Error, s.SubmittedAt, s.FinishedAt);
    }

    private void StartRun()
    {
        if (_run is null || _run.IsCompleted)
        {
            _run = RunGuardedAsync();
        }
    }

    private async Task RunGuardedAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception ex) when (_deactivating)
        {
            // The silo is shutting down under the loop (its activation is already invalid): the next activation resumes.
            LogStoppedWithActivation(ex, JobId);
        }
        catch (Exception ex)
        {
            LogJobError(ex, JobId);
            if (state.State.Phase == JobPhase.Running)
            {
                await FailAsync($"internal error: {ex.Message}");
            }
        }
    }

    private async Task StopReminderAsync()
    {
        var reminder = await this.GetReminder(ResumeReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted: {Width}x{Height} at {Spp} spp, {Tiles} tiles")]
    private partial void LogSubmitted(string jobId, int width, int height, int spp, long tiles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resuming with {TilesDone} tiles already done")]
    private partial void LogResuming(string jobId, int tilesDone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: its dispatch loop stopped with its activation; the next activation resumes it")]
    private partial void LogStoppedWithActivation(Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} stopped on an unexpected error")]
    private partial void LogJobError(Exception ex, string jobId);
}
