using System.Runtime.CompilerServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>The built-in scene <c>cornell-spheres</c>: an open Cornell box with a mirror and a glass sphere.</summary>
/// <remarks>
/// Units are metres; the box interior is [0,1]³, open towards +z, and the camera looks down −z from (0.5, 0.5, 2.2).
/// It is the scene of the speed anchors in <c>shared/anchors/cornell-spheres</c>, so kernel speed can be compared
/// like for like. Intersection is analytic: five axis planes and two spheres.
/// </remarks>
public static class CornellSpheres
{
    /// <summary>The name users pass as <c>builtin:cornell-spheres</c>.</summary>
    public const string Name = "cornell-spheres";

    /// <summary>Rays start this far from a surface to avoid self-intersection.</summary>
    private const float Epsilon = 1e-4f;

    private const float SphereRadius = 0.2f;

    /// <summary>The pinhole camera position.</summary>
    public static Float3 Eye => new(0.5f, 0.5f, 2.2f);

    /// <summary>Half-extent of the image plane at distance 1 (the field of view).</summary>
    public const float FilmScale = 0.52f;

    /// <summary>Intersects a ray with the whole scene.</summary>
    /// <param name="origin">Ray origin.</param>
    /// <param name="direction">Unit ray direction.</param>
    /// <returns>The nearest hit; <see cref="SurfaceHit.Distance"/> ≥ <see cref="SurfaceHit.Miss"/> when none.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SurfaceHit Intersect(Float3 origin, Float3 direction)
    {
        var hit = new SurfaceHit { Distance = SurfaceHit.Miss };
        var white = new Float3(0.725f, 0.71f, 0.68f);
        if (direction.X != 0f)
        {
            TryPlane(ref hit, -origin.X / direction.X, new Float3(1f, 0f, 0f), new Float3(0.63f, 0.065f, 0.05f));
            TryPlane(ref hit, (1f - origin.X) / direction.X, new Float3(-1f, 0f, 0f), new Float3(0.14f, 0.45f, 0.091f));
        }

        if (direction.Y != 0f)
        {
            TryPlane(ref hit, -origin.Y / direction.Y, new Float3(0f, 1f, 0f), white);
            float ceiling = (1f - origin.Y) / direction.Y;
            if (TryPlane(ref hit, ceiling, new Float3(0f, -1f, 0f), white))
            {
                float px = origin.X + (direction.X * ceiling);
                float pz = origin.Z + (direction.Z * ceiling);
                if (px > 0.38f && px < 0.62f && pz > 0.38f && pz < 0.62f)
                {
                    hit.Emission = new Float3(17f, 12f, 4f);
                }
            }
        }

        if (direction.Z != 0f)
        {
            TryPlane(ref hit, -origin.Z / direction.Z, new Float3(0f, 0f, 1f), white);
        }

        TrySphere(ref hit, origin, direction, new Float3(0.3f, 0.2f, 0.35f), MaterialKind.Mirror);
        TrySphere(ref hit, origin, direction, new Float3(0.7f, 0.2f, 0.6f), MaterialKind.Glass);
        return hit;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryPlane(ref SurfaceHit hit, float t, Float3 normal, Float3 albedo)
    {
        if (t <= Epsilon || t >= hit.Distance)
        {
            return false;
        }

        hit.Distance = t;
        hit.Normal = normal;
        hit.Material = MaterialKind.Diffuse;
        hit.Albedo = albedo;
        hit.Emission = Float3.Zero;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TrySphere(ref SurfaceHit hit, Float3 origin, Float3 direction, Float3 center, MaterialKind material)
    {
        var oc = origin - center;
        float b = Float3.Dot(oc, direction);
        float c = Float3.Dot(oc, oc) - (SphereRadius * SphereRadius);
        float discriminant = (b * b) - c;
        if (discriminant <= 0f)
        {
            return;
        }

        float root = MathF.Sqrt(discriminant);
        float near = -b - root;
        float t = near > Epsilon ? near : -b + root;
        if (t <= Epsilon || t >= hit.Distance)
        {
            return;
        }

        hit.Distance = t;
        hit.Normal = (origin + (direction * t) - center) * (1f / SphereRadius);
        hit.Material = material;
        hit.Albedo = new Float3(0.999f, 0.999f, 0.999f);
        hit.Emission = Float3.Zero;
    }
}
