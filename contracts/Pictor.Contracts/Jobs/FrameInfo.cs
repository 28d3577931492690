namespace Pictor.Contracts.Jobs;

/// <summary>Describes a stored frame.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Frame">The frame number.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="IsStored">Whether the frame is complete and stored.</param>
[GenerateSerializer, Immutable, Alias("pictor.FrameInfo")]
public sealed record FrameInfo(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Frame,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height,
    [property: Id(4)] bool IsStored);
