namespace Pictor.Grains.Verification;

/// <summary>The outcome of comparing two renders of one tile.</summary>
/// <param name="Agree">Whether they agree.</param>
/// <param name="Reason">How they were compared and what was found.</param>
public sealed record TileComparison(bool Agree, string Reason);
