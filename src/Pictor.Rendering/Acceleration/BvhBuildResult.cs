namespace Pictor.Rendering.Acceleration;

/// <summary>A built hierarchy: depth-first nodes and the primitive order its leaves index into.</summary>
/// <param name="Nodes">The nodes; the root is node 0.</param>
/// <param name="Order">Leaf slot i holds primitive Order[i].</param>
/// <param name="Depth">The depth of the deepest leaf (the root alone is depth 1).</param>
public sealed record BvhBuildResult(BvhNode[] Nodes, int[] Order, int Depth);
