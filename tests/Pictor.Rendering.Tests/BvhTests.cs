using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Kernels;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Tests;

public sealed class BvhTests
{
    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 300)]
    [InlineData(4, 5000)]
    public void Intersect_RandomRaysOverRandomMesh_EqualsBruteForce(int seed, int triangles)
    {
        var random = new Random(seed);
        var draft = new SceneDraft();
        draft.Materials.Add(MaterialData.Lambert(Float3.One));
        draft.Meshes.Add(RandomMesh(random, triangles, clustered: seed % 2 == 0));
        draft.Instances.Add((0, -1));
        var scene = TestScenes.Frame(draft);
        var data = new ManagedSceneData(scene);
        var all = scene.Geometry.Triangles;
        for (int r = 0; r < 2000; r++)
        {
            var origin = RandomPoint(random, 1.5f);
            var direction = Float3.Normalize(RandomPoint(random, 1f));
            var hit = SceneIntersector.Intersect(data, origin, direction, SceneIntersector.Miss);
            var brute = new HitRecord { T = SceneIntersector.Miss, Instance = -1, Primitive = -1 };
            for (int t = 0; t < all.Length; t++)
            {
                if (SceneIntersector.IntersectTriangle(all[t], origin, direction, ref brute))
                {
                    brute.Primitive = t;
                }
            }

            Assert.Equal(brute.T, hit.T);
            Assert.Equal(brute.Primitive >= 0, SceneIntersector.Occluded(data, origin, direction, SceneIntersector.Miss));
            if (brute.Primitive >= 0)
            {
                Assert.Equal(all[brute.Primitive], all[hit.Primitive]);
            }
        }
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Intersect_AnimatedInstances_EqualBruteForceOverTransformedTriangles()
    {
        // Meshes under animated nodes stay instances: rays go through the two-level traversal and the world-to-local
        // transforms; the brute force transforms every triangle to world space instead.
        var random = new Random(11);
        var draft = new SceneDraft();
        draft.Materials.Add(MaterialData.Lambert(Float3.One));
        for (int m = 0; m < 3; m++)
        {
            draft.Meshes.Add(RandomMesh(random, 200, clustered: false));
        }

        for (int n = 0; n < 6; n++)
        {
            var rotation = new Quaternion4((float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble(), 1f)
                .Normalized();
            draft.Nodes.Add(new PackageNode
            {
                Name = $"n{n}",
                Translation = [
                    (float)random.NextDouble() * 4f - 2f, (float)random.NextDouble() * 4f - 2f, (float)random.NextDouble() * 4f - 2f,
                ],
                Rotation = [rotation.X, rotation.Y, rotation.Z, rotation.W],
                Scale = [0.5f + (float)random.NextDouble(), 0.5f + (float)random.NextDouble(), n == 3 ? -1f : 1f],
            });
            draft.Channels.Add(
                new PackageAnimationChannel
                {
                    Node = n,
                    Path = 0,
                    Interpolation = 1,
                    Times = [0f, 1f],
                    Values = [.. draft.Nodes[n].Translation, .. draft.Nodes[n].Translation],
                });
            draft.Instances.Add((n % 3, n));
        }

        var scene = TestScenes.Frame(draft);
        Assert.Equal(6, scene.Constants.InstanceCount);
        var data = new ManagedSceneData(scene);
        var world = new List<Triangle>();
        foreach (var instance in scene.Instances)
        {
            var nodes = scene.Geometry.BlasNodes;
            int root = instance.RootNode;
            var range = LeafRange(nodes, root);
            for (int t = range.First; t < range.End; t++)
            {
                var tri = scene.Geometry.Triangles[t];
                var a = instance.LocalToWorld.Point(tri.V0);
                world.Add(
                    Triangle.FromVertices(a, instance.LocalToWorld.Point(tri.V0 + tri.E1), instance.LocalToWorld.Point(tri.V0 + tri.E2)));
            }
        }

        int hits = 0;
        for (int r = 0; r < 1000; r++)
        {
            var origin = RandomPoint(random, 4f);
            var direction = Float3.Normalize(RandomPoint(random, 2f) - origin);
            var hit = SceneIntersector.Intersect(data, origin, direction, SceneIntersector.Miss);
            var brute = new HitRecord { T = SceneIntersector.Miss, Instance = -1, Primitive = -1 };
            foreach (var triangle in world)
            {
                if (SceneIntersector.IntersectTriangle(triangle, origin, direction, ref brute))
                {
                    brute.Primitive = 0;
                }
            }

            Assert.Equal(brute.Primitive >= 0, hit.Primitive >= 0);
            if (brute.Primitive >= 0)
            {
                hits++;
                Assert.InRange(hit.T, brute.T * (1 - 1e-4f), brute.T * (1 + 1e-4f));
            }
        }

        Assert.True(hits > 100, $"only {hits} rays hit anything");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Build_IsIndependentOfThreads_AndLeavesCoverEveryPrimitiveOnce()
    {
        var random = new Random(5);
        var mesh = RandomMesh(random, 40_000, clustered: true);
        var a = ScenePackageBuilder.BuildMesh(mesh);
        var b = ScenePackageBuilder.BuildMesh(mesh);
        Assert.Equal(a.Nodes, b.Nodes);
        Assert.Equal(a.Triangles, b.Triangles);
        var nodes = PackageBlob.To<BvhNode>(a.Nodes);
        var covered = new int[mesh.TriangleCount];
        foreach (var node in nodes.Where(n => n.Count > 0))
        {
            for (int i = node.LeftOrFirst; i < node.LeftOrFirst + node.Count; i++)
            {
                covered[i]++;
            }

            Assert.InRange(node.Count, 1, BvhBuilder.MaxLeafSize);
        }

        Assert.All(covered, c => Assert.Equal(1, c));
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(BvhBuilder.MaxDepth - 1, true)]
    [InlineData(BvhBuilder.MaxDepth + 6, false)]
    public void Geometry_ForgedDeepBvh_IsRefusedBeforeAKernelCanOverrunItsStack(int depth, bool accepted)
    {
        // A chain: interior node, then its leaf child, then the next interior node as its second child.
        var nodes = new List<BvhNode>();
        for (int level = 1; level < depth; level++)
        {
            int self = nodes.Count;
            nodes.Add(new BvhNode { Min = new Float3(-1f, -1f, -1f), Max = Float3.One, LeftOrFirst = self + 2, Count = 0 });
            nodes.Add(new BvhNode { Min = new Float3(-1f, -1f, -1f), Max = Float3.One, LeftOrFirst = 0, Count = 1 });
        }

        nodes.Add(new BvhNode { Min = new Float3(-1f, -1f, -1f), Max = Float3.One, LeftOrFirst = 0, Count = 1 });
        var package = new ScenePackage
        {
            Meshes =
            [
                new PackageMesh
                {
                    Name = "forged",
                    Nodes = PackageBlob.From<BvhNode>([.. nodes]),
                    Triangles = PackageBlob.From<Triangle>(
                        [Triangle.FromVertices(Float3.Zero, new Float3(1f, 0f, 0f), new Float3(0f, 1f, 0f))]),
                    TriangleInfos = PackageBlob.From<TriangleInfo>([new TriangleInfo(0, 0, 0, 0)]),
                    Vertices = PackageBlob.From<VertexAttributes>([new VertexAttributes(new Float3(0f, 0f, 1f), 0f, 0f)]),
                },
            ],
            Materials = PackageBlob.From<MaterialData>([MaterialData.GltfDefault()]),
        };
        if (accepted)
        {
            Assert.NotNull(SceneGeometry.FromPackage(package));
        }
        else
        {
            Assert.Throws<InvalidDataException>(() => SceneGeometry.FromPackage(package));
        }
    }

    private static (int First, int End) LeafRange(BvhNode[] nodes, int root)
    {
        int first = int.MaxValue, end = 0;
        var stack = new Stack<int>([root]);
        while (stack.Count > 0)
        {
            var node = nodes[stack.Pop()];
            int index = Array.IndexOf(nodes, node);
            if (node.Count > 0)
            {
                first = Math.Min(first, node.LeftOrFirst);
                end = Math.Max(end, node.LeftOrFirst + node.Count);
            }
            else
            {
                stack.Push(index + 1);
                stack.Push(node.LeftOrFirst);
            }
        }

        return (first, end);
    }

    internal static MeshDraft RandomMesh(Random random, int triangles, bool clustered)
    {
        var positions = new Float3[triangles * 3];
        var attributes = new VertexAttributes[triangles * 3];
        var indices = new int[triangles * 3];
        for (int t = 0; t < triangles; t++)
        {
            var center = clustered ? RandomPoint(random, 0.2f) + new Float3(random.Next(3) * 0.5f, 0f, 0f) : RandomPoint(random, 1f);
            float size = 0.02f + ((float)random.NextDouble() * 0.3f);
            for (int v = 0; v < 3; v++)
            {
                positions[(t * 3) + v] = center + (RandomPoint(random, 1f) * size);
                attributes[(t * 3) + v] = new VertexAttributes(new Float3(0f, 0f, 1f), 0f, 0f);
                indices[(t * 3) + v] = (t * 3) + v;
            }
        }

        return new MeshDraft("random", positions, attributes, indices, new int[triangles]);
    }

    private static Float3 RandomPoint(Random random, float scale) =>
        new(
            ((float)random.NextDouble() * 2f - 1f) * scale, ((float)random.NextDouble() * 2f - 1f) * scale,
            ((float)random.NextDouble() * 2f - 1f) * scale);
}
