using Pictor.Contracts.Security;

namespace Pictor.Contracts.Jobs;

/// <summary>A finished frame, stored durably; keyed by <c>{job}/{frame}</c>.</summary>
[Alias("pictor.IFrameGrain")]
public interface IFrameGrain : IGrainWithStringKey
{
    /// <summary>Stores the frame's pixels; storing the same frame again is a no-op.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pixels">Linear RGB floats, row-major from the top-left.</param>
    /// <returns>A task that completes when the frame is durable.</returns>
    [CallableBy(Callers.Core)]
    [Alias("StorePacked")]
    Task StoreAsync(int width, int height, PackedFloats pixels);

    /// <summary>Describes the frame.</summary>
    /// <returns>Size, and whether it is stored.</returns>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("GetInfo")]
    Task<FrameInfo> GetInfoAsync();

    /// <summary>Reads rows of the frame, so large frames travel in bounded messages.</summary>
    /// <param name="firstRow">The first row.</param>
    /// <param name="rowCount">How many rows.</param>
    /// <returns>Linear RGB floats of those rows.</returns>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("ReadRowsPacked")]
    Task<PackedFloats> ReadRowsAsync(int firstRow, int rowCount);
}
