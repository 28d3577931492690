using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary>Read access to a flattened frame scene, implemented over ILGPU views (kernels) and over arrays (managed).</summary>
/// <remarks>
/// The integrator and the traversal are generic over this interface with a struct constraint, so the JIT and ILGPU
/// both specialize them and no interface call survives. Implementations also give each thread its traversal stack.
/// </remarks>
public interface ISceneData
{
    /// <summary>The frame's scalars.</summary>
    SceneConstants Constants { get; }

    /// <summary>A node of the mesh BVHs (all meshes, absolute indices).</summary>
    /// <param name="index">Node index.</param>
    /// <returns>The node.</returns>
    BvhNode BlasNode(int index);

    /// <summary>A node of the per-frame instance BVH.</summary>
    /// <param name="index">Node index.</param>
    /// <returns>The node.</returns>
    BvhNode TlasNode(int index);

    /// <summary>A triangle in its mesh's space.</summary>
    /// <param name="index">Absolute triangle index.</param>
    /// <returns>The triangle.</returns>
    Triangle Triangle(int index);

    /// <summary>Shading data of a triangle.</summary>
    /// <param name="index">Absolute triangle index.</param>
    /// <returns>The data.</returns>
    TriangleInfo TriangleInfo(int index);

    /// <summary>Vertex attributes.</summary>
    /// <param name="index">Absolute vertex index.</param>
    /// <returns>The attributes.</returns>
    VertexAttributes Vertex(int index);

    /// <summary>A mesh instance.</summary>
    /// <param name="index">Instance index.</param>
    /// <returns>The instance.</returns>
    InstanceData Instance(int index);

    /// <summary>A material.</summary>
    /// <param name="index">Material index.</param>
    /// <returns>The material.</returns>
    MaterialData Material(int index);

    /// <summary>A texture's placement and size.</summary>
    /// <param name="index">Texture index.</param>
    /// <returns>The texture info.</returns>
    TextureInfo Texture(int index);

    /// <summary>One RGBA8 texel (R in the low byte).</summary>
    /// <param name="index">Absolute texel index.</param>
    /// <returns>The packed texel.</returns>
    uint Texel(int index);

    /// <summary>The linear value of an 8-bit sRGB code.</summary>
    /// <param name="code">0–255.</param>
    /// <returns>Linear value in [0, 1].</returns>
    float SrgbToLinear(int code);

    /// <summary>An analytic sphere.</summary>
    /// <param name="index">Sphere index.</param>
    /// <returns>The sphere.</returns>
    SphereData Sphere(int index);

    /// <summary>An emitting triangle of the light list.</summary>
    /// <param name="index">Emitter index.</param>
    /// <returns>The emitter.</returns>
    EmissiveTriangle Emitter(int index);

    /// <summary>A punctual light in world space.</summary>
    /// <param name="index">Light index.</param>
    /// <returns>The light.</returns>
    PunctualLight Light(int index);

    /// <summary>Entry of the light list's CDF: <c>cdf[0] = 0</c>, <c>cdf[Emitters + Lights] = 1</c>.</summary>
    /// <param name="index">Entry index.</param>
    /// <returns>The cumulative probability.</returns>
    float LightCdf(int index);

    /// <summary>Reads entry <paramref name="index"/> of this thread's traversal stack.</summary>
    /// <param name="index">0 to <see cref="SceneIntersector.StackSize"/> − 1.</param>
    /// <returns>The entry.</returns>
    int StackGet(int index);

    /// <summary>Writes entry <paramref name="index"/> of this thread's traversal stack.</summary>
    /// <param name="index">0 to <see cref="SceneIntersector.StackSize"/> − 1.</param>
    /// <param name="value">The value.</param>
    void StackSet(int index, int value);
}
