using System.Diagnostics;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Rendering.Imaging;
using Pictor.Cli.Sessions;

namespace Pictor.Cli.Commands;

/// <summary>Renders a job through a grid session: submit through the SDK, watch, fetch, report credits.</summary>
internal static class GridRender
{
    public static async Task<int> RunAsync(
        IGridSession grid,
        RenderJobSpec spec,
        Func<RenderedFrame, FrameBuffer, IReadOnlyList<string>> writeFrame,
        bool keep,
        CliConsole console,
        CancellationToken cancellationToken)
    {
        var output = console.Out;
        var total = Stopwatch.StartNew();

        // The host reacts to SIGINT/SIGTERM by stopping; whatever this command waits on must end with it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, grid.Stopping);
        cancellationToken = stop.Token;
        var client = new PictorClient(grid.Client);
        var workers = await client.GetWorkersAsync();
        output.WriteLine($"grid: {grid.Description}, " +
            $"{workers.Count(w => w.Status is Contracts.Workers.WorkerStatus.Online or Contracts.Workers.WorkerStatus.Busy)} " +
            $"worker slot(s) online");
        if (grid.DashboardUrl is { } dashboard)
        {
            output.WriteLine($"dashboard: {dashboard}");
        }

        string jobId = JobIds.New();
        var printer = new ProgressPrinter(output, console.Interactive);
        var render = Stopwatch.StartNew();
        JobStatus status;
        await using (await client.WatchAsync(jobId, printer.OnEventAsync))
        {
            try
            {
                await client.SubmitAsync(jobId, spec);
            }
            catch (ArgumentException e)
            {
                // Refused before any work: an invalid spec, or an account that cannot cover the job's reservation.
                await console.Error.WriteLineAsync($"error: {CliErrors.Message(e)}");
                return ExitCodes.Failed;
            }

            output.WriteLine($"job: {jobId}");
            try
            {
                // A status call is a few microseconds of the grid's CPU; a coarse poll was up to a tenth of a one-second job.
                status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                printer.Finish();
                await console.Error.WriteLineAsync($"stopped while job {jobId} was running; its finished tiles are stored and credited");
                return ExitCodes.Cancelled;
            }
        }

        printer.Finish();
        double seconds = render.Elapsed.TotalSeconds;
        if (status.Phase != JobPhase.Completed)
        {
            await console.Error.WriteLineAsync($"error: job {jobId} ended {status.Phase}: {status.Error}");
            return ExitCodes.Failed;
        }

        for (int frame = spec.FirstFrame; frame < spec.FirstFrame + spec.FrameCount; frame++)
        {
            var rendered = await client.GetFrameAsync(jobId, frame, cancellationToken);
            var buffer = new FrameBuffer(rendered.Width, rendered.Height);
            rendered.Pixels.CopyTo(buffer.Pixels, 0);
            foreach (string path in writeFrame(rendered, buffer))
            {
                output.WriteLine($"wrote {path}");
            }
        }

        long samples = spec.PixelSamplesPerFrame * spec.FrameCount;
        output.WriteLine($"rendered {spec.Width}x{spec.Height}x{spec.SamplesPerPixel} in {seconds:F2} s " +
            $"({samples / seconds / 1e6:F2} Msamples/s)");
        await PrintCreditsAsync(client, jobId, output);
        await PrintAccountAsync(grid, spec, jobId, output);
        output.WriteLine($"total wall time {total.Elapsed.TotalSeconds:F2} s");
        if (keep && grid.DashboardUrl is { } url)
        {
            output.WriteLine($"keeping the silo up; dashboard at {url} — press Ctrl+C to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("stopping");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// <c>account A: this job drew D credits; </c> then the account's line: what the creator paid for the job and what it
    /// has left.
    /// </summary>
    private static async Task PrintAccountAsync(IGridSession grid, RenderJobSpec spec, string jobId, TextWriter output)
    {
        // The job releases its reservation a moment after it completes: wait for that (briefly), so the figures are final.
        var client = new PictorClient(grid.Client);
        for (int i = 0; i < 100 && !(await client.GetStatusAsync(jobId)).Settled; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var ledger = grid.Client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
        var journal = await client.ReadJournalAsync();
        long drawn = journal.Where(e => e.Credit.JobId == jobId && e.IsPayable()).Sum(e => e.Credit.Amount);
        var account = await ledger.GetAccountAsync(spec.Account ?? string.Empty);
        output.WriteLine($"{AccountLines.Text(account)}; this job drew {LedgerAmounts.Format(drawn)}");
    }

    private static async Task PrintCreditsAsync(PictorClient client, string jobId, TextWriter output)
    {
        var summary = await client.GetLedgerSummaryAsync();
        var journal = await client.ReadJournalAsync();
        var paid = journal.Where(e => e.IsPayable()).ToList();
        var thisJob = paid.Where(e => e.Credit.JobId == jobId)
            .GroupBy(e => e.Credit.WorkerId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (
                    Tiles: g.LongCount(e => !LedgerEntries.IsVerificationWork(e.Credit.TileId)),
                    Checks: g.LongCount(e => LedgerEntries.IsVerificationWork(e.Credit.TileId)),
                    Amount: g.Sum(e => e.Credit.Amount)),
                StringComparer.Ordinal);
        output.WriteLine("credits per worker (1 credit = 1 pixel-sample; checks = verification renders, paid too):");
        output.WriteLine($"  {"worker",-32} {"job tiles",9} {"checks",6} {"job credits",14} {"all credits",14} {"pending",12}");
        foreach (AccountBalance worker in summary.Workers)
        {
            var job = thisJob.GetValueOrDefault(worker.Account);
            output.WriteLine($"  {worker.Account,-32} {job.Tiles,9} {job.Checks,6} {job.Amount,14:N0} {worker.Amount,14:N0} " +
                $"{worker.Pending,12:N0}");
        }

        output.WriteLine($"ledger: {paid.Count} credits, {summary.TotalAmount:N0} in total");
    }
}
