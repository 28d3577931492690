namespace Pictor.Grains.Verification;

/// <summary>How tiles are spot-checked; bound from <c>Grid:Verification</c>.</summary>
public sealed class VerificationOptions
{
    /// <summary>Whether tiles are verified at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A new worker's tiles are all checked until it has this many consecutive valid results.</summary>
    public int NewWorkerChecks { get; set; } = 10;

    /// <summary>After that, a tile is checked with probability <c>Scale / consecutive valid</c> …</summary>
    public double Scale { get; set; } = 10;

    /// <summary>… but never less than this floor (a worker that turns bad is caught within ~100 tiles at 95%).</summary>
    public double Floor { get; set; } = 0.03;

    /// <summary>Invalid results within one run (without a return to trust) that quarantine a worker.</summary>
    public int QuarantineAfterInvalid { get; set; } = 2;

    /// <summary>Cross-backend comparison: largest relative difference of the tile's channel means, beyond its noise.</summary>
    public double CrossBackendMeanTolerance { get; set; } = 0.02;

    /// <summary>Cross-backend comparison: standard errors of noise allowed on top of the tolerance.</summary>
    public double CrossBackendSigmas { get; set; } = 4;

    /// <summary>
    /// Trust anchors, named by the operator on the core: worker ids (<c>box-7/cuda-0</c>) or every slot of a worker host
    /// (<c>box-7/*</c>). Anchors are trusted from the start, their renders are final without a check, and they do the
    /// checks while any is available. What a worker silo says of itself (<c>WorkerRegistration.Anchor</c>) is ignored.
    /// </summary>
    public List<string> Anchors { get; set; } = [];

    /// <summary>
    /// Whether the embedded grid's own devices (<c>pictor demo</c>, <c>pictor render</c>: one process with role
    /// <c>all</c>) are anchors: they are the operator's. False makes them newcomers, as strangers' devices are.
    /// </summary>
    public bool EmbeddedDevicesAreAnchors { get; set; } = true;

    /// <summary>
    /// Onboarding bound: checks a worker's outstanding tiles may be expected to draw while its check probability is above
    /// <see cref="Floor"/>. A newcomer (every tile checked) has at most this many unverified tiles out (in flight, or
    /// returned and waiting for their check) until its verdicts come back; a worker earning trust may have
    /// <c>this / its check probability</c>; at the floor the bound lifts. 0 turns the bound off.
    /// </summary>
    /// <remarks>
    /// Without it every tile a newcomer was sent before its first verdicts returned was checked: 74-100 % of a fresh
    /// grid's first 16,384-tile job went to checks. BOINC bounds a new host's jobs in progress the same way.
    /// </remarks>
    public int OnboardingChecksInFlight { get; set; } = 4;

    /// <summary>
    /// Window bound: once this many of a worker's unchecked tiles wait in its window with every check drawn before
    /// them decided, two checks close them, of the newest and of one drawn from the job's secret (both pass: they are
    /// confirmed; one fails: the window is rejected), so frames are stored and memory freed before the job's end. 0:
    /// windows close only at the job's end. A worker with b bad tiles among a closed span is caught with probability at least
    /// 1 - (1 - p)^b.
    /// </summary>
    public int WindowTiles { get; set; } = 4096;
}
