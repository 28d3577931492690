using System.Runtime.CompilerServices;
using ILGPU;
using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary><see cref="ISceneData"/> over accelerator views, with a traversal stack in the thread's local memory.</summary>
/// <param name="Views">The scene's views.</param>
/// <param name="Stack">This thread's stack, <see cref="SceneIntersector.StackSize"/> entries.</param>
public readonly record struct DeviceSceneData(SceneViews Views, ArrayView<int> Stack) : ISceneData
{
    /// <inheritdoc/>
    public SceneConstants Constants => Views.Constants;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BvhNode BlasNode(int index) => Views.BlasNodes[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BvhNode TlasNode(int index) => Views.TlasNodes[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Triangle Triangle(int index) => Views.Triangles[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TriangleInfo TriangleInfo(int index) => Views.TriangleInfos[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public VertexAttributes Vertex(int index) => Views.Vertices[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public InstanceData Instance(int index) => Views.Instances[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaterialData Material(int index) => Views.Materials[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TextureInfo Texture(int index) => Views.Textures[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Texel(int index) => Views.Texels[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SrgbToLinear(int code) => Views.SrgbTable[code];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SphereData Sphere(int index) => Views.Spheres[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EmissiveTriangle Emitter(int index) => Views.Emitters[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PunctualLight Light(int index) => Views.Lights[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float LightCdf(int index) => Views.LightCdf[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int StackGet(int index) => Stack[index];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StackSet(int index, int value) => Stack[index] = value;
}
