namespace Pictor.Rendering.Scenes;

/// <summary>Which estimator renders a scene.</summary>
public enum Integrator
{
    /// <summary>Pure path tracing: the anchors' estimator (on cornell-spheres, the anchors' exact kernel).</summary>
    Naive = 0,

    /// <summary>Path tracing with next-event estimation, MIS and Russian roulette.</summary>
    Full = 1,
}
