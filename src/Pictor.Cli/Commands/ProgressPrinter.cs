using Pictor.Contracts.Jobs;

namespace Pictor.Cli.Commands;

/// <summary>Shows a job's live progress from its event stream: a redrawn line on a terminal, a line per 10% otherwise.</summary>
internal sealed class ProgressPrinter(TextWriter output, bool interactive)
{
    private readonly Lock _gate = new();
    private int _lastDecile = -1;
    private bool _lineOpen;

    public Task OnEventAsync(JobProgressEvent e)
    {
        lock (_gate)
        {
            switch (e.Kind)
            {
                case JobProgressKind.TileCompleted:
                    ShowTiles(e.TilesDone, e.TilesTotal);
                    break;
                case JobProgressKind.TileRetried:
                    WriteLine($"retrying tile {e.TileIndex} of frame {e.Frame}: {e.Message}");
                    break;
                case JobProgressKind.FrameCompleted:
                    WriteLine($"frame {e.Frame} stored");
                    break;
                case JobProgressKind.Waiting:
                    WriteLine($"waiting: {e.Message}");
                    break;
                case JobProgressKind.JobFailed:
                    WriteLine($"job failed: {e.Message}");
                    break;
                default:
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public void Finish()
    {
        lock (_gate)
        {
            if (_lineOpen)
            {
                output.WriteLine();
                _lineOpen = false;
            }
        }
    }

    private void ShowTiles(int done, int total)
    {
        int percent = total == 0 ? 100 : (int)(100L * done / total);
        if (interactive)
        {
            output.Write($"\rrendering: {done}/{total} tiles ({percent}%)   ");
            _lineOpen = true;
            return;
        }

        int decile = percent / 10;
        if (decile > _lastDecile)
        {
            _lastDecile = decile;
            output.WriteLine($"progress: {done}/{total} tiles ({percent}%)");
        }
    }

    private void WriteLine(string line)
    {
        if (_lineOpen)
        {
            output.WriteLine();
            _lineOpen = false;
        }

        output.WriteLine(line);
    }
}
