using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Kernels;

/// <summary>Per-frame scalars of a scene: camera, background, counts and integrator switches.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SceneConstants
{
    /// <summary>Camera position.</summary>
    public Float3 Eye;

    /// <summary>Unit viewing direction.</summary>
    public Float3 Forward;

    /// <summary>Unit right vector of the film.</summary>
    public Float3 Right;

    /// <summary>Unit up vector of the film.</summary>
    public Float3 Up;

    /// <summary>Tangent of half the vertical field of view.</summary>
    public float TanHalfFovY;

    /// <summary>Width over height of the film; 0 follows the image.</summary>
    public float Aspect;

    /// <summary>Radiance of escaping rays.</summary>
    public Float3 Background;

    /// <summary>Number of mesh instances (0: no TLAS).</summary>
    public int InstanceCount;

    /// <summary>Number of analytic spheres.</summary>
    public int SphereCount;

    /// <summary>Number of emitting triangles in the light list.</summary>
    public int EmitterCount;

    /// <summary>Number of punctual lights in the light list (after the emitters).</summary>
    public int LightCount;

    /// <summary>Sum of the light list's selection weights (the CDF's unnormalized total).</summary>
    public float TotalLightPower;

    /// <summary>Maximum path length in bounces.</summary>
    public int MaxBounces;

    /// <summary>1 for next-event estimation with MIS (the full integrator), 0 for pure path tracing.</summary>
    public int LightSampling;
}
