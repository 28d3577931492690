namespace Pictor.Bench;

/// <summary>What an anchor program printed: its median throughput and its image mean.</summary>
internal sealed record AnchorResult(double Msamples, double Mean);
