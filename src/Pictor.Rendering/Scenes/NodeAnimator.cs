using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;

namespace Pictor.Rendering.Scenes;

/// <summary>Samples a package's node animation at a time and composes world transforms down the hierarchy.</summary>
public static class NodeAnimator
{
    /// <summary>The world transform of every node at <paramref name="seconds"/>.</summary>
    /// <param name="package">The package (nodes are ordered parents first).</param>
    /// <param name="seconds">Animation time; outside the keys the first or last key holds.</param>
    /// <returns>One transform per node.</returns>
    public static Affine3[] WorldTransforms(ScenePackage package, float seconds)
    {
        ArgumentNullException.ThrowIfNull(package);
        var nodes = package.Nodes;
        var translation = new Float3[nodes.Length];
        var rotation = new Quaternion4[nodes.Length];
        var scale = new Float3[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            translation[i] = Vector3(nodes[i].Translation, 0);
            rotation[i] = new Quaternion4(
                nodes[i].Rotation[0], nodes[i].Rotation[1], nodes[i].Rotation[2], nodes[i].Rotation[3]).Normalized();
            scale[i] = Vector3(nodes[i].Scale, 0);
        }

        foreach (var channel in package.Channels)
        {
            if (channel.Node < 0 || channel.Node >= nodes.Length || channel.Times.Length == 0)
            {
                continue;
            }

            if (channel.Path == 1)
            {
                rotation[channel.Node] = SampleRotation(channel, seconds);
            }
            else
            {
                var value = SampleVector(channel, seconds);
                if (channel.Path == 0)
                {
                    translation[channel.Node] = value;
                }
                else
                {
                    scale[channel.Node] = value;
                }
            }
        }

        var world = new Affine3[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            var local = Affine3.FromTrs(translation[i], rotation[i], scale[i]);
            int parent = nodes[i].Parent;
            world[i] = parent >= 0 && parent < i ? world[parent] * local : local;
        }

        return world;
    }

    /// <summary>Whether any node's transform changes over time: itself or an ancestor is animated.</summary>
    /// <param name="package">The package.</param>
    /// <returns>One flag per node.</returns>
    public static bool[] AnimatedNodes(ScenePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var animated = new bool[package.Nodes.Length];
        foreach (var channel in package.Channels)
        {
            if (channel.Node >= 0 && channel.Node < animated.Length && channel.Times.Length > 1)
            {
                animated[channel.Node] = true;
            }
        }

        for (int i = 0; i < animated.Length; i++)
        {
            int parent = package.Nodes[i].Parent;
            animated[i] |= parent >= 0 && parent < i && animated[parent];
        }

        return animated;
    }

    private static Float3 SampleVector(PackageAnimationChannel channel, float t)
    {
        Locate(channel, t, out int k, out float blend, out float dt);
        if (channel.Interpolation == 2)
        {
            return new Float3(Cubic(channel, k, blend, dt, 3, 0), Cubic(channel, k, blend, dt, 3, 1), Cubic(channel, k, blend, dt, 3, 2));
        }

        var a = Vector3(channel.Values, k * 3);
        if (channel.Interpolation == 0 || k + 1 >= channel.Times.Length)
        {
            return a;
        }

        var b = Vector3(channel.Values, (k + 1) * 3);
        return (a * (1f - blend)) + (b * blend);
    }

    private static Quaternion4 SampleRotation(PackageAnimationChannel channel, float t)
    {
        Locate(channel, t, out int k, out float blend, out float dt);
        if (channel.Interpolation == 2)
        {
            return new Quaternion4(
                Cubic(channel, k, blend, dt, 4, 0), Cubic(channel, k, blend, dt, 4, 1), Cubic(channel, k, blend, dt, 4, 2),
                Cubic(channel, k, blend, dt, 4, 3)).Normalized();
        }

        var a = Quaternion(channel.Values, k * 4);
        if (channel.Interpolation == 0 || k + 1 >= channel.Times.Length)
        {
            return a;
        }

        return Quaternion4.Slerp(a, Quaternion(channel.Values, (k + 1) * 4), blend);
    }

    /// <summary>Finds the key interval holding t: key k, the blend in [0, 1] and the interval length.</summary>
    private static void Locate(PackageAnimationChannel channel, float t, out int k, out float blend, out float dt)
    {
        var times = channel.Times;
        blend = 0f;
        dt = 0f;
        if (!(t > times[0]))
        {
            k = 0;
            return;
        }

        if (t >= times[^1])
        {
            k = times.Length - 1;
            return;
        }

        int index = Array.BinarySearch(times, t);
        k = index >= 0 ? index : (~index) - 1;
        dt = times[k + 1] - times[k];
        blend = dt > 0f ? (t - times[k]) / dt : 0f;
    }

    /// <summary>Cubic Hermite spline of glTF CUBICSPLINE: keys store (in-tangent, value, out-tangent).</summary>
    private static float Cubic(PackageAnimationChannel channel, int k, float s, float dt, int width, int component)
    {
        var values = channel.Values;
        int stride = width * 3;
        float p0 = values[(k * stride) + width + component];
        if (k + 1 >= channel.Times.Length)
        {
            return p0;
        }

        float m0 = dt * values[(k * stride) + (2 * width) + component];
        float p1 = values[((k + 1) * stride) + width + component];
        float m1 = dt * values[((k + 1) * stride) + component];
        float s2 = s * s;
        float s3 = s2 * s;
        return (((2f * s3) - (3f * s2) + 1f) * p0) + ((s3 - (2f * s2) + s) * m0) + (((-2f * s3) + (3f * s2)) * p1) + ((s3 - s2) * m1);
    }

    private static Float3 Vector3(float[] values, int offset) => new(values[offset], values[offset + 1], values[offset + 2]);

    private static Quaternion4 Quaternion(float[] values, int offset) =>
        new Quaternion4(values[offset], values[offset + 1], values[offset + 2], values[offset + 3]).Normalized();
}
