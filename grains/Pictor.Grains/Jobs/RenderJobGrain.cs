using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Pictor.Contracts;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Jobs.Dispatch;
using Pictor.Grains.Placement;

namespace Pictor.Grains.Jobs;

/// <summary>Runs a render job: plans tiles, keeps work units in flight, assembles and stores frames, credits workers.</summary>
/// <remarks>
/// <para>
/// The grain keeps the job's state, its reminder, its progress stream and every grain call; what to send next and
/// what to make of each answer is decided by its <see cref="Dispatch.JobDispatcher"/> and
/// <see cref="Dispatch.VerificationStep"/>, plain classes that do no I/O.
/// </para>
/// <para>
/// Order of effects per tile: the unit grain holds its pixels, the ledger records the credit keyed by tile id,
/// then the job marks the tile done. A crash between any two steps repeats the later ones, and each is
/// idempotent, so nothing is lost and nobody is paid twice. A reminder re-activates a running job after its
/// activation or silo goes away; activation resumes from the stored bits.
/// </para>
/// <para>
/// The dispatch loop and grain calls (a cancel) interleave at their awaits, so every state write goes through
/// <see cref="WriteStateAsync"/>, which runs writes one after another, and every end of the job through
/// <see cref="TryEndAsync"/>, which ends it only once.
/// </para>
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
    private Task? _run;
    private Task _lastWrite = Task.CompletedTask;
    private bool _deactivating;
    private bool _resuming;
    private IAsyncStream<JobProgressEvent>? _progress;

    private string JobId => this.GetPrimaryKeyString();

    private bool Running => state.State.Phase == JobPhase.Running && !_deactivating;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streams = this.GetStreamProvider(StreamNames.Provider);
        _progress = streams.GetStream<JobProgressEvent>(StreamId.Create(StreamNames.JobProgress, JobId));
        if (state.State.Phase == JobPhase.Running)
        {
            LogResuming(JobId, state.State.TilesDone);
            _resuming = true;
            StartRun();
        }
        else
        {
            // Ended, but its reservation may not be released yet (the activation stopped in between).
            StartSettle();
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
                // Its reservation may not have been made yet (the first submit failed in between): the same one is asked.
                await FundAsync();
                return Status();
            }

            throw new ArgumentException($"Job {JobId} already exists with a different spec.", nameof(spec));
        }

        JobSpecValidator.ThrowIfInvalid(spec, _options.Limits);
        long tiles = (long)TilePlan.TilesPerFrame(spec) * spec.FrameCount;
        if (tiles > _options.MaxTilesPerJob)
        {
            throw new ArgumentException(
                $"Invalid job spec: {tiles} tiles exceed the limit of {_options.MaxTilesPerJob} per job; use larger tiles or fewer frames.",
                nameof(spec));
        }

        // The one pricing function; a cost over the ledger's range is an invalid spec, refused before anything is written.
        long reservation = CreditPricing.Reservation(spec, _options.Verification.Enabled);
        var s = state.State;
        s.Spec = spec;
        s.Phase = JobPhase.Running;
        s.ReservationAccount = spec.Account ?? string.Empty;
        s.ReservationCredits = reservation;
        s.DoneTiles = BitSet.Create((int)tiles);
        s.StoredFrames = BitSet.Create(spec.FrameCount);
        s.SubmittedAt = clock.GetUtcNow();
        s.CheckSecret = BitConverter.ToUInt32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        await WriteStateAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        // Before any unit is sent; a refusal forgets the job and reaches the caller with the account's figures.
        await FundAsync();
        LogSubmitted(JobId, spec.Width, spec.Height, spec.SamplesPerPixel, tiles);
        StartRun();
        return Status();
    }

    Task<JobStatus> IRenderJobGrain.GetStatusAsync() => Task.FromResult(Status());

    async Task<JobStatus> IRenderJobGrain.CancelAsync()
    {
        // The same path as the loop's own ends: a job ends once, and the loop stops at its next turn.
        await TryEndAsync(JobPhase.Cancelled, null);
        return Status();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Phase == JobPhase.Running)
        {
            StartRun();
        }
        else if (state.State.Reserved && !state.State.Released)
        {
            // Ended, not released yet: the release stops the reminder once it is recorded.
            StartSettle();
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
        bool settled = s.Phase is JobPhase.Completed or JobPhase.Failed or JobPhase.Cancelled && (s.Released || !s.Reserved);
        return new JobStatus(JobId, s.Phase, s.Spec, total, s.TilesDone, s.FramesDone, s.Error, s.SubmittedAt, s.FinishedAt, settled,
            s.Phase == JobPhase.Running ? _waiting : null);
    }

    /// <summary>Writes the job's state after any write still in progress: the loop and grain calls never write at once.</summary>
    /// <returns>A task that completes when this write (and every earlier one) is done.</returns>
    private Task WriteStateAsync()
    {
        _lastWrite = WriteAfterAsync(_lastWrite);
        return _lastWrite;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception ex)
        {
            // The earlier write's caller saw its error; this write stores the state as it is now.
            LogEarlierWriteFailed(ex, JobId);
        }

        await state.WriteStateAsync();
    }

    /// <summary>Ends a running job (completed, failed or cancelled); a job that has already ended stays as it is.</summary>
    /// <param name="phase">The end.</param>
    /// <param name="error">Why it failed, for a failure.</param>
    /// <returns>True when this call ended the job.</returns>
    private async Task<bool> TryEndAsync(JobPhase phase, string? error)
    {
        if (state.State.Phase != JobPhase.Running)
        {
            return false;
        }

        state.State.Phase = phase;
        state.State.Error = error;
        state.State.FinishedAt = clock.GetUtcNow();
        await WriteStateAsync();
        if (!state.State.Reserved)
        {
            // Nothing to release; otherwise the reminder stays until the release is recorded.
            await StopReminderAsync();
        }

        return true;
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
        catch (Exception ex) when (SiloLoss.IsUnreachable(ex))
        {
            // A bookkeeping call met a silo that is gone (the owner of a grain's directory partition, say, before
            // membership declares it dead): a fault of the cluster, not of the job. This activation hands over to the
            // next, which resumes from the stored state, woken by the reminder or the creator's next status call.
            LogHandingOver(ex, JobId);
            _deactivating = true;
            DeactivateOnIdle();
        }
        catch (Exception ex)
        {
            LogJobError(ex, JobId);
            await FailAsync($"internal error: {ex.Message}");
        }

        if (!_deactivating)
        {
            // The loop has stopped and sent its last batch: nothing more will draw on the reservation.
            await SettleOnceAsync();
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

    /// <summary>
    /// Publishes a batch of events in one stream message: a unit's tiles complete together, and one message per tile
    /// kept the job loop (and so the devices) waiting.
    /// </summary>
    private async Task PublishAsync(List<JobProgressEvent> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await _progress!.OnNextBatchAsync(batch);
        }
        catch (Exception ex)
        {
            // Progress is for watching: a lost event must never stop or undo work.
            LogPublishFailed(ex, JobId);
        }
    }

    private Task PublishAsync(JobProgressEvent progress) => PublishAsync([progress]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted: {Width}x{Height} at {Spp} spp, {Tiles} tiles")]
    private partial void LogSubmitted(string jobId, int width, int height, int spp, long tiles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resuming with {TilesDone} tiles already done")]
    private partial void LogResuming(string jobId, int tilesDone);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Job {JobId}: its dispatch loop stopped with its activation; the next activation resumes it")]
    private partial void LogStoppedWithActivation(Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Job {JobId}: a silo was unreachable; this activation hands over and the next resumes the job")]
    private partial void LogHandingOver(Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} stopped on an unexpected error")]
    private partial void LogJobError(Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: an earlier state write failed; writing the current state")]
    private partial void LogEarlierWriteFailed(Exception ex, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: progress event not published")]
    private partial void LogPublishFailed(Exception ex, string jobId);
}
