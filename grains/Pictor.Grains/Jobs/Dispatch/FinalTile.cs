using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>A tile whose pixels are decided (verified, vouched for, or verification is off).</summary>
/// <param name="Ordinal">The tile's ordinal.</param>
/// <param name="Result">The render that stands.</param>
internal sealed record FinalTile(int Ordinal, TileRenderResult Result);
