namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>An unchecked tile waiting in its worker's window.</summary>
/// <param name="Sequence">Order of arrival across the job: a check vouches only for entries that arrived before the tile it checks.</param>
/// <param name="Tile">The tile and its render.</param>
internal sealed record WindowEntry(long Sequence, FinalTile Tile);
