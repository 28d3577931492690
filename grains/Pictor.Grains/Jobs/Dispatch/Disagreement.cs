namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A check that disagreed with the render it checked.</summary>
/// <param name="TileKey">The tile's credit key.</param>
/// <param name="First">The worker of the checked render.</param>
/// <param name="Second">The checker.</param>
/// <param name="Reason">How they differ.</param>
internal sealed record Disagreement(string TileKey, string First, string Second, string Reason);
