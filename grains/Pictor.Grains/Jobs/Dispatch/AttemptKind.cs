namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>Why a tile is rendered.</summary>
internal enum AttemptKind
{
    /// <summary>The tile's first (or re-issued) render.</summary>
    Primary = 0,

    /// <summary>An independent render to compare with a primary.</summary>
    Check = 1,

    /// <summary>A third render that settles a disagreement.</summary>
    Tiebreak = 2,
}
