using System.Runtime.CompilerServices;
using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Kernels;

/// <summary>Ray queries against a frame scene: analytic spheres, then a two-level BVH (instances over mesh BVHs).</summary>
/// <remarks>
/// Shared by the ILGPU kernels and the managed device: no classes, arrays or allocations. The traversal stack lives
/// in the <see cref="ISceneData"/> (local memory on a GPU, a small per-thread array on the CPU); the instance level
/// uses entries [0, 64), the mesh level [64, 128). Both levels visit the nearer child first.
/// </remarks>
public static class SceneIntersector
{
    /// <summary>Entries of the traversal stack each thread needs.</summary>
    public const int StackSize = 2 * LevelStack;

    /// <summary>Distances at or past this mean the ray escaped.</summary>
    public const float Miss = 1e30f;

    private const int LevelStack = BvhBuilder.MaxDepth;
    private const float SphereEpsilon = 1e-4f;

    /// <summary>Finds the nearest hit along a ray closer than <paramref name="tMax"/>.</summary>
    /// <typeparam name="TScene">The scene access.</typeparam>
    /// <param name="scene">The scene.</param>
    /// <param name="origin">Ray origin.</param>
    /// <param name="direction">Ray direction (any length; t is in its units).</param>
    /// <param name="tMax">Farthest distance of interest.</param>
    /// <returns>The hit; <see cref="HitRecord.T"/> ≥ <paramref name="tMax"/> when none.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static HitRecord Intersect<TScene>(in TScene scene, Float3 origin, Float3 direction, float tMax)
        where TScene : struct, ISceneData
    {
        var hit = new HitRecord { T = tMax, Instance = -1, Primitive = -1 };
        Traverse(scene, origin, direction, ref hit, anyHit: false);
        return hit;
    }

    /// <summary>Whether anything lies along the ray closer than <paramref name="tMax"/> (shadow rays).</summary>
    /// <typeparam name="TScene">The scene access.</typeparam>
    /// <param name="scene">The scene.</param>
    /// <param name="origin">Ray origin.</param>
    /// <param name="direction">Ray direction.</param>
    /// <param name="tMax">Distance to the light.</param>
    /// <returns>True when occluded.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Occluded<TScene>(in TScene scene, Float3 origin, Float3 direction, float tMax)
        where TScene : struct, ISceneData
    {
        var hit = new HitRecord { T = tMax, Instance = -1, Primitive = -1 };
        return Traverse(scene, origin, direction, ref hit, anyHit: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Traverse<TScene>(in TScene scene, Float3 origin, Float3 direction, ref HitRecord hit, bool anyHit)
        where TScene : struct, ISceneData
    {
        // Two fields, not a copy of the whole constants struct: this runs for every ray.
        int spheres = scene.Constants.SphereCount;
        for (int i = 0; i < spheres; i++)
        {
            if (IntersectSphere(scene, i, origin, direction, ref hit) && anyHit)
            {
                return true;
            }
        }

        if (scene.Constants.InstanceCount == 0)
        {
            return hit.Primitive >= 0;
        }

        var inverse = SafeInverse(direction);
        int top = 0;
        int node = 0;
        while (true)
        {
            var box = scene.TlasNode(node);
            if (box.Count > 0)
            {
                for (int k = 0; k < box.Count; k++)
                {
                    int instance = box.LeftOrFirst + k;
                    if (IntersectInstance(scene, instance, origin, direction, ref hit, anyHit) && anyHit)
                    {
                        return true;
                    }
                }
            }
            else if (VisitChildren(
                scene.TlasNode(node + 1), scene.TlasNode(box.LeftOrFirst), node + 1, box.LeftOrFirst, origin, inverse, hit.T, out int near,
                out int far))
            {
                node = near;
                if (far >= 0)
                {
                    scene.StackSet(top++, far);
                }

                continue;
            }

            if (top == 0)
            {
                break;
            }

            node = scene.StackGet(--top);
        }

        return hit.Primitive >= 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IntersectInstance<TScene>(
        in TScene scene, int instance, Float3 worldOrigin, Float3 worldDirection, ref HitRecord hit, bool anyHit)
        where TScene : struct, ISceneData
    {
        var data = scene.Instance(instance);
        var origin = data.WorldToLocal.Point(worldOrigin);
        var direction = data.WorldToLocal.Vector(worldDirection);
        var inverse = SafeInverse(direction);
        int top = LevelStack;
        int node = data.RootNode;
        var root = scene.BlasNode(node);
        if (!BoxDistance(root, origin, inverse, hit.T, out _))
        {
            return false;
        }

        bool found = false;
        while (true)
        {
            var box = scene.BlasNode(node);
            if (box.Count > 0)
            {
                for (int k = 0; k < box.Count; k++)
                {
                    int triangle = box.LeftOrFirst + k;
                    if (IntersectTriangle(scene.Triangle(triangle), origin, direction, ref hit))
                    {
                        hit.Instance = instance;
                        hit.Primitive = triangle;
                        found = true;
                        if (anyHit)
                        {
                            return true;
                        }
                    }
                }
            }
            else if (VisitChildren(
                scene.BlasNode(node + 1), scene.BlasNode(box.LeftOrFirst), node + 1, box.LeftOrFirst, origin, inverse, hit.T, out int near,
                out int far))
            {
                node = near;
                if (far >= 0)
                {
                    scene.StackSet(top++, far);
                }

                continue;
            }

            if (top == LevelStack)
            {
                break;
            }

            node = scene.StackGet(--top);
        }

        return found;
    }

    /// <summary>Tests both children; returns false when neither is hit, else the nearer and (or −1) the farther.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool VisitChildren(
        BvhNode left, BvhNode right, int leftIndex, int rightIndex, Float3 origin, Float3 inverse, float tMax, out int near, out int far)
    {
        bool hitLeft = BoxDistance(left, origin, inverse, tMax, out float tLeft);
        bool hitRight = BoxDistance(right, origin, inverse, tMax, out float tRight);
        if (hitLeft && hitRight)
        {
            bool leftFirst = tLeft <= tRight;
            near = leftFirst ? leftIndex : rightIndex;
            far = leftFirst ? rightIndex : leftIndex;
            return true;
        }

        far = -1;
        near = hitLeft ? leftIndex : rightIndex;
        return hitLeft || hitRight;
    }

    /// <summary>Slab test; the entry distance goes to <paramref name="tEnter"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool BoxDistance(BvhNode box, Float3 origin, Float3 inverse, float tMax, out float tEnter)
    {
        float x0 = (box.Min.X - origin.X) * inverse.X;
        float x1 = (box.Max.X - origin.X) * inverse.X;
        float y0 = (box.Min.Y - origin.Y) * inverse.Y;
        float y1 = (box.Max.Y - origin.Y) * inverse.Y;
        float z0 = (box.Min.Z - origin.Z) * inverse.Z;
        float z1 = (box.Max.Z - origin.Z) * inverse.Z;
        float enter = MathF.Max(MathF.Max(MathF.Min(x0, x1), MathF.Min(y0, y1)), MathF.Max(MathF.Min(z0, z1), 0f));
        // The exit grows by a few ulps so rounding in the slab products never culls a box a triangle inside it is hit in.
        float exit = MathF.Min(MathF.Min(MathF.Max(x0, x1), MathF.Max(y0, y1)), MathF.Max(z0, z1)) * 1.0000004f;
        exit = MathF.Min(exit, tMax);
        tEnter = enter;
        return enter <= exit;
    }

    /// <summary>Möller–Trumbore; on a closer hit updates t and the barycentrics.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IntersectTriangle(Triangle triangle, Float3 origin, Float3 direction, ref HitRecord hit)
    {
        var p = Float3.Cross(direction, triangle.E2);
        float det = Float3.Dot(triangle.E1, p);
        if (det == 0f)
        {
            return false;
        }

        float inv = 1f / det;
        var s = origin - triangle.V0;
        float u = Float3.Dot(s, p) * inv;
        if (u < 0f || u > 1f)
        {
            return false;
        }

        var q = Float3.Cross(s, triangle.E1);
        float v = Float3.Dot(direction, q) * inv;
        if (v < 0f || u + v > 1f)
        {
            return false;
        }

        float t = Float3.Dot(triangle.E2, q) * inv;
        if (!(t > 0f) || t >= hit.T)
        {
            return false;
        }

        hit.T = t;
        hit.U = u;
        hit.V = v;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IntersectSphere<TScene>(in TScene scene, int index, Float3 origin, Float3 direction, ref HitRecord hit)
        where TScene : struct, ISceneData
    {
        var sphere = scene.Sphere(index);
        var oc = origin - sphere.Center;
        float a = Float3.Dot(direction, direction);
        float b = Float3.Dot(oc, direction) / a;
        float c = (Float3.Dot(oc, oc) - (sphere.Radius * sphere.Radius)) / a;
        float discriminant = (b * b) - c;
        if (discriminant <= 0f)
        {
            return false;
        }

        float root = MathF.Sqrt(discriminant);
        float near = -b - root;
        float t = near > SphereEpsilon ? near : -b + root;
        if (t <= SphereEpsilon || t >= hit.T)
        {
            return false;
        }

        hit.T = t;
        hit.Instance = -1;
        hit.Primitive = index;
        return true;
    }

    /// <summary>1/d per component, with zero components nudged so the slab test never multiplies 0 by ∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3 SafeInverse(Float3 d) => new(1f / Nudge(d.X), 1f / Nudge(d.Y), 1f / Nudge(d.Z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Nudge(float x) => MathF.Abs(x) < 1e-20f ? (x < 0f ? -1e-20f : 1e-20f) : x;
}
