using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs;

/// <summary>The outcome of one dispatch of a tile: a result, or the error that stopped it.</summary>
/// <param name="Ordinal">The tile's ordinal in the job.</param>
/// <param name="Result">The rendered tile, when it succeeded.</param>
/// <param name="Error">Why it failed, when it did.</param>
internal sealed record TileAttempt(int Ordinal, TileRenderResult? Result, Exception? Error);
