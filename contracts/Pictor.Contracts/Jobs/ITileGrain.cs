namespace Pictor.Contracts.Jobs;

/// <summary>Renders one tile on a device of the silo it is activated on.</summary>
/// <remarks>Keyed by tile id <c>{job}/{frame}/{tile}</c>. Rendering is idempotent: a repeated call returns the stored result.</remarks>
[Alias("pictor.ITileGrain")]
public interface ITileGrain : IGrainWithStringKey
{
    /// <summary>Renders the tile, or returns the result already rendered.</summary>
    /// <param name="work">The work unit; its tile id must equal this grain's key.</param>
    /// <returns>The pixels and who rendered them.</returns>
    [Alias("Render")]
    Task<TileRenderResult> RenderAsync(TileWork work);

    /// <summary>Returns the stored result without rendering.</summary>
    /// <returns>The result, or null when the tile has not been rendered.</returns>
    [Alias("GetResult")]
    Task<TileRenderResult?> GetResultAsync();

    /// <summary>Drops the stored pixels once the frame that holds them is stored.</summary>
    /// <returns>A task that completes when the state is cleared.</returns>
    [Alias("Release")]
    Task ReleaseAsync();
}
