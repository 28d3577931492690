using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>What one verification step decided, for the job grain to apply in order: verdicts, credits, refusals, confirmations.</summary>
internal sealed class VerificationDecision
{
    /// <summary>Tiles whose pixels are decided: blit, mark done, announce.</summary>
    public List<FinalTile> Finals { get; } = [];

    /// <summary>Renders still needed: checks, tie-breaks, re-issues.</summary>
    public List<TileRequest> FollowUps { get; } = [];

    /// <summary>Credits to record (pending for first renders, paid for checks and tie-breaks).</summary>
    public List<CreditRequest> Credits { get; } = [];

    /// <summary>Credit keys whose pending credit a check confirmed.</summary>
    public List<string> Confirm { get; } = [];

    /// <summary>Credit keys whose pending credit is refused.</summary>
    public List<string> Reject { get; } = [];

    /// <summary>Verdicts for the workers' trust records.</summary>
    public List<WorkerVerdict> Verdicts { get; } = [];

    /// <summary>Workers the job must give no more tiles (found wrong, or quarantined).</summary>
    public HashSet<string> Blocklist { get; } = new(StringComparer.Ordinal);

    /// <summary>Workers whose renders were dropped because the core holds no registration for them, for the log.</summary>
    public HashSet<string> Unregistered { get; } = new(StringComparer.Ordinal);

    /// <summary>Checks that disagreed with the render they checked (a tie-break follows), for the log.</summary>
    public List<Disagreement> Disagreements { get; } = [];
}
