using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Acceleration;

/// <summary>Builds a BVH over boxes with the binned surface area heuristic, in parallel, and flattens it depth first.</summary>
/// <remarks>
/// Each node's primitives are binned by centroid into <see cref="Bins"/> slots along each axis; the split with the lowest
/// SAH cost wins, or the node becomes a leaf when splitting costs more (up to <see cref="MaxLeafSize"/> primitives).
/// Subtrees over <see cref="ParallelThreshold"/> primitives are built on other threads; the result does not depend on
/// the thread count, because every decision is a function of the node's own primitives.
/// </remarks>
public static class BvhBuilder
{
    /// <summary>Bins per axis.</summary>
    public const int Bins = 16;

    /// <summary>Largest leaf the builder makes by choice; larger ones only when primitives cannot be separated.</summary>
    public const int MaxLeafSize = 8;

    /// <summary>Subtrees with more primitives than this are built as parallel tasks.</summary>
    public const int ParallelThreshold = 8192;

    /// <summary>The deepest a tree can get: kernels keep a traversal stack of this many entries.</summary>
    public const int MaxDepth = DeepLevel + 32;

    private const int DeepLevel = 32;
    private const float TraversalCost = 1f;
    private const float IntersectionCost = 1f;

    /// <summary>Builds the hierarchy over primitive boxes.</summary>
    /// <param name="boxMin">Lower corner of each primitive's box.</param>
    /// <param name="boxMax">Upper corner of each primitive's box.</param>
    /// <returns>The nodes (depth first, root at 0) and the primitive order the leaves refer to.</returns>
    public static BvhBuildResult Build(Float3[] boxMin, Float3[] boxMax)
    {
        ArgumentNullException.ThrowIfNull(boxMin);
        ArgumentNullException.ThrowIfNull(boxMax);
        if (boxMin.Length != boxMax.Length)
        {
            throw new ArgumentException("Box arrays differ in length.", nameof(boxMax));
        }

        int count = boxMin.Length;
        var order = new int[count];
        var centroids = new Float3[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
            centroids[i] = (boxMin[i] + boxMax[i]) * 0.5f;
        }

        if (count == 0)
        {
            return new BvhBuildResult([new BvhNode { Min = Float3.Zero, Max = Float3.Zero, LeftOrFirst = 0, Count = 0 }], order, 1);
        }

        var context = new BuildContext(boxMin, boxMax, centroids, order);
        var root = BuildRange(context, 0, count, 1);
        var nodes = new BvhNode[root.NodeCount];
        int next = 0;
        Flatten(root, nodes, ref next);
        return new BvhBuildResult(nodes, order, root.Depth);
    }

    private static void Flatten(BuildNode node, BvhNode[] nodes, ref int next)
    {
        int index = next++;
        nodes[index].Min = node.Min;
        nodes[index].Max = node.Max;
        if (node.Left is null)
        {
            nodes[index].LeftOrFirst = node.First;
            nodes[index].Count = node.Count;
            return;
        }

        Flatten(node.Left, nodes, ref next);
        nodes[index].LeftOrFirst = next;
        nodes[index].Count = 0;
        Flatten(node.Right!, nodes, ref next);
    }

    private static BuildNode BuildRange(BuildContext c, int start, int end, int level)
    {
        int count = end - start;
        var min = new Float3(float.MaxValue, float.MaxValue, float.MaxValue);
        var max = new Float3(float.MinValue, float.MinValue, float.MinValue);
        var cmin = min;
        var cmax = max;
        for (int i = start; i < end; i++)
        {
            int p = c.Order[i];
            min = Float3.Min(min, c.BoxMin[p]);
            max = Float3.Max(max, c.BoxMax[p]);
            cmin = Float3.Min(cmin, c.Centroids[p]);
            cmax = Float3.Max(cmax, c.Centroids[p]);
        }

        var leaf = new BuildNode { Min = min, Max = max, First = start, Count = count, NodeCount = 1, Depth = 1 };
        return count <= 1 ? leaf : SplitOrLeaf(c, leaf, start, end, cmin, cmax, level);
    }

    private static BuildNode SplitOrLeaf(BuildContext c, BuildNode leaf, int start, int end, Float3 cmin, Float3 cmax, int level)
    {
        int count = end - start;
        var extent = cmax - cmin;
        int axis = -1;
        int splitBin = 0;
        float bestCost = float.MaxValue;
        Span<int> binCount = stackalloc int[Bins];
        Span<float> binMin = stackalloc float[Bins * 3];
        Span<float> binMax = stackalloc float[Bins * 3];
        Span<float> rightArea = stackalloc float[Bins];
        Span<int> rightCount = stackalloc int[Bins];
        for (int a = 0; a < 3; a++)
        {
            float lo = cmin.Axis(a);
            float size = extent.Axis(a);
            if (!(size > 0f))
            {
                continue;
            }

            float scale = Bins / size;
            binCount.Clear();
            binMin.Fill(float.MaxValue);
            binMax.Fill(float.MinValue);
            for (int i = start; i < end; i++)
            {
                int p = c.Order[i];
                int b = Math.Min(Bins - 1, (int)((c.Centroids[p].Axis(a) - lo) * scale));
                binCount[b]++;
                Grow(binMin, binMax, b, c.BoxMin[p], c.BoxMax[p]);
            }

            // Sweep from the right to get the area and count right of each plane, then from the left for the cost.
            float rx0 = float.MaxValue, ry0 = float.MaxValue, rz0 = float.MaxValue;
            float rx1 = float.MinValue, ry1 = float.MinValue, rz1 = float.MinValue;
            int rc = 0;
            for (int b = Bins - 1; b > 0; b--)
            {
                rc += binCount[b];
                Accumulate(binMin, binMax, b, ref rx0, ref ry0, ref rz0, ref rx1, ref ry1, ref rz1);
                rightCount[b] = rc;
                rightArea[b] = rc > 0 ? HalfArea(rx0, ry0, rz0, rx1, ry1, rz1) : 0f;
            }

            float lx0 = float.MaxValue, ly0 = float.MaxValue, lz0 = float.MaxValue;
            float lx1 = float.MinValue, ly1 = float.MinValue, lz1 = float.MinValue;
            int lc = 0;
            for (int b = 0; b < Bins - 1; b++)
            {
                lc += binCount[b];
                Accumulate(binMin, binMax, b, ref lx0, ref ly0, ref lz0, ref lx1, ref ly1, ref lz1);
                if (lc == 0 || rightCount[b + 1] == 0)
                {
                    continue;
                }

                float cost = (lc * HalfArea(lx0, ly0, lz0, lx1, ly1, lz1)) + (rightCount[b + 1] * rightArea[b + 1]);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    axis = a;
                    splitBin = b + 1;
                }
            }
        }

        float parentArea = HalfArea(leaf.Min.X, leaf.Min.Y, leaf.Min.Z, leaf.Max.X, leaf.Max.Y, leaf.Max.Z);
        float leafCost = IntersectionCost * count;
        float splitCost = parentArea > 0f ? TraversalCost + (IntersectionCost * bestCost / parentArea) : float.MaxValue;
        int mid;
        if (level >= DeepLevel && count > MaxLeafSize)
        {
            // Past this depth only halving splits: the tree stays within the traversal stack of the kernels.
            mid = start + (count / 2);
        }
        else if (axis >= 0 && (splitCost < leafCost || count > MaxLeafSize))
        {
            float lo = cmin.Axis(axis);
            float scale = Bins / extent.Axis(axis);
            mid = Partition(c, start, end, axis, lo, scale, splitBin);
        }
        else if (count > MaxLeafSize)
        {
            // Centroids coincide: no plane separates them, so split the list in half to bound the leaf size.
            mid = start + (count / 2);
        }
        else
        {
            return leaf;
        }

        BuildNode left, right;
        if (count > ParallelThreshold)
        {
            BuildNode? l = null, r = null;
            Parallel.Invoke(() => l = BuildRange(c, start, mid, level + 1), () => r = BuildRange(c, mid, end, level + 1));
            left = l!;
            right = r!;
        }
        else
        {
            left = BuildRange(c, start, mid, level + 1);
            right = BuildRange(c, mid, end, level + 1);
        }

        return new BuildNode
        {
            Min = leaf.Min,
            Max = leaf.Max,
            Left = left,
            Right = right,
            NodeCount = 1 + left.NodeCount + right.NodeCount,
            Depth = 1 + Math.Max(left.Depth, right.Depth),
        };
    }

    private static int Partition(BuildContext c, int start, int end, int axis, float lo, float scale, int splitBin)
    {
        int i = start;
        int j = end - 1;
        while (i <= j)
        {
            int p = c.Order[i];
            int b = Math.Min(Bins - 1, (int)((c.Centroids[p].Axis(axis) - lo) * scale));
            if (b < splitBin)
            {
                i++;
            }
            else
            {
                (c.Order[i], c.Order[j]) = (c.Order[j], c.Order[i]);
                j--;
            }
        }

        return i;
    }

    private static void Grow(Span<float> binMin, Span<float> binMax, int b, Float3 lo, Float3 hi)
    {
        int o = b * 3;
        binMin[o] = MathF.Min(binMin[o], lo.X);
        binMin[o + 1] = MathF.Min(binMin[o + 1], lo.Y);
        binMin[o + 2] = MathF.Min(binMin[o + 2], lo.Z);
        binMax[o] = MathF.Max(binMax[o], hi.X);
        binMax[o + 1] = MathF.Max(binMax[o + 1], hi.Y);
        binMax[o + 2] = MathF.Max(binMax[o + 2], hi.Z);
    }

    private static void Accumulate(
        Span<float> binMin, Span<float> binMax, int b, ref float x0, ref float y0, ref float z0, ref float x1, ref float y1, ref float z1)
    {
        int o = b * 3;
        x0 = MathF.Min(x0, binMin[o]);
        y0 = MathF.Min(y0, binMin[o + 1]);
        z0 = MathF.Min(z0, binMin[o + 2]);
        x1 = MathF.Max(x1, binMax[o]);
        y1 = MathF.Max(y1, binMax[o + 1]);
        z1 = MathF.Max(z1, binMax[o + 2]);
    }

    private static float HalfArea(float x0, float y0, float z0, float x1, float y1, float z1)
    {
        float dx = x1 - x0, dy = y1 - y0, dz = z1 - z0;
        return (dx * dy) + (dy * dz) + (dz * dx);
    }

    private sealed record BuildContext(Float3[] BoxMin, Float3[] BoxMax, Float3[] Centroids, int[] Order);

    private sealed class BuildNode
    {
        public Float3 Min;
        public Float3 Max;
        public int First;
        public int Count;
        public BuildNode? Left;
        public BuildNode? Right;
        public int NodeCount;
        public int Depth;
    }
}
