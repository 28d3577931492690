using Microsoft.Extensions.Logging.Abstractions;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs;
using Pictor.Grains.Jobs.Dispatch;
using Pictor.Grains.Verification;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>A job, a grid and its workers for driving the dispatcher and verification without a cluster.</summary>
internal sealed class DispatchFakes
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public DispatchFakes(
        int width = 64, int height = 64, int tile = 16, int frames = 1, GridOptions? options = null, bool verification = false)
    {
        Options = options ?? new GridOptions();
        Options.Verification.Enabled = verification;
        Spec = new RenderJobSpec("builtin:cornell-spheres", width, height, 1, tile, FrameCount: frames, Seed: 7);
        Job = new JobLayout("job-1", Spec);
        Done = BitSet.Create(Job.Total);
        Verification = new VerificationStep(Job, Options.Verification, secret: 12345, Clock);
        Dispatcher = new JobDispatcher(Job, Options, Done, Verification, Clock, NullLogger.Instance);
    }

    public ManualClock Clock { get; } = new(Start);

    public GridOptions Options { get; }

    public RenderJobSpec Spec { get; }

    public JobLayout Job { get; }

    public byte[] Done { get; }

    public VerificationStep Verification { get; }

    public JobDispatcher Dispatcher { get; }

    public static SiloCapacity Silo(string name, double msamples, params string[] workers) =>
        new(name, "host-" + name,
            [
                .. (workers.Length == 0 ? [name + "-w0"] : workers)
                    .Select(w => new SlotCapacity(w, "cpu", msamples, Eligible: true, Busy: false)),
            ],
            0, Start);

    /// <summary>The pixels an honest worker renders for a tile: a function of the tile only.</summary>
    public float[] HonestPixels(WorkUnit work, int index, float bias = 0)
    {
        var rect = TilePlan.Rect(work.Spec, work.Tiles[index]);
        var pixels = new float[rect.PixelCount * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = ((work.Tiles[index] * 31) + i) % 97 / 97f + bias;
        }

        return pixels;
    }

    /// <summary>The answer of a worker to a unit.</summary>
    public UnitAttempt Render(UnitOrder order, string worker, float bias = 0, string backend = "cpu")
    {
        var tiles = order.Work.Tiles.Select((t, i) => new TileRenderResult(order.Work.TileId(t), worker, "0xwallet", backend,
            HonestPixels(order.Work, i, bias), TilePlan.Rect(order.Work.Spec, t).PixelCount * (long)order.Work.Spec.SamplesPerPixel,
            0.01)).ToList();
        return new UnitAttempt(order.Requests, order.Silo, order.Samples, UnitOutcome.Rendered,
            new WorkUnitResult(order.Work.UnitId, worker, tiles, 0.01), null);
    }

    /// <summary>A render of tile <paramref name="ordinal"/> by <paramref name="worker"/>, as verification holds it.</summary>
    public TileRenderResult Prior(int ordinal, string worker, float bias = 0, string backend = "cpu")
    {
        var (frame, tile) = Job.Locate(ordinal);
        var work = new WorkUnit(Job.JobId, Spec, frame, [tile]);
        return new TileRenderResult(Job.TileId(ordinal), worker, "0xwallet-" + worker, backend, HonestPixels(work, 0, bias),
            TilePlan.Rect(Spec, tile).PixelCount * (long)Spec.SamplesPerPixel, 0.01);
    }

    /// <summary>A check of <paramref name="worker"/>'s render of tile <paramref name="ordinal"/>.</summary>
    public TileRequest Check(int ordinal, string worker) => new(ordinal, AttemptKind.Check, [Prior(ordinal, worker)]);

    public static UnitAttempt Fail(UnitOrder order, UnitOutcome outcome, string? worker = null) =>
        new(order.Requests, order.Silo, order.Samples, outcome,
            worker is null ? null : new WorkUnitResult(order.Work.UnitId, worker, [], 0, "device fault"),
            new InvalidOperationException("device fault"));

    /// <summary>
    /// Registers <paramref name="worker"/> with the job's verification (wallet <paramref name="wallet"/>, else
    /// <c>0xwallet-{worker}</c>) and learns its trust.
    /// </summary>
    public void Know(string worker, TrustRecord trust, string backend = "cpu", string? wallet = null)
    {
        Verification.Register(worker, new WorkerRegistration(worker, "host", "silo", new DeviceSpec("cpu", worker, 1 << 30, 1, backend),
            wallet ?? "0xwallet-" + worker, 1));
        Verification.Learn(worker, trust);
    }

    /// <summary>A newcomer's record: never checked.</summary>
    public TrustRecord Newcomer() => new TrustPolicy(Options.Verification).Initial;

    /// <summary>An operator-named anchor's record.</summary>
    public TrustRecord Anchor() => new TrustPolicy(Options.Verification).Anchored;

    /// <summary>Trust record of a worker with <paramref name="valid"/> valid checks in a row.</summary>
    public TrustRecord Trusted(long valid = 1000) =>
        new(valid, valid, 0, 0, new TrustPolicy(Options.Verification).CheckProbability(valid), false);
}

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
