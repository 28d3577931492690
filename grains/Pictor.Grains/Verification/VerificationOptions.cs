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
}
