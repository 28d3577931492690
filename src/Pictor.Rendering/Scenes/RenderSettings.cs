namespace Pictor.Rendering.Scenes;

/// <summary>How to turn a scene into frames: estimator, path length and camera.</summary>
/// <param name="Integrator">The estimator.</param>
/// <param name="MaxBounces">Maximum path length (8 matches the anchors).</param>
/// <param name="Camera">Camera name; null picks the first camera.</param>
public sealed record RenderSettings(Integrator Integrator = Integrator.Full, int MaxBounces = 8, string? Camera = null);
