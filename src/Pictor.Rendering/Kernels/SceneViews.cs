using ILGPU;
using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary>A frame scene's arrays on an accelerator, as one kernel argument.</summary>
/// <param name="BlasNodes">Mesh BVH nodes.</param>
/// <param name="TlasNodes">Instance BVH nodes.</param>
/// <param name="Triangles">Triangles.</param>
/// <param name="TriangleInfos">Triangle shading data.</param>
/// <param name="Vertices">Vertex attributes.</param>
/// <param name="Instances">Instances.</param>
/// <param name="Materials">Materials.</param>
/// <param name="Textures">Texture infos.</param>
/// <param name="Texels">RGBA8 texels.</param>
/// <param name="SrgbTable">sRGB decoding table (256 entries).</param>
/// <param name="Spheres">Analytic spheres.</param>
/// <param name="Emitters">Emitting triangles.</param>
/// <param name="Lights">Punctual lights.</param>
/// <param name="LightCdf">Light selection CDF.</param>
/// <param name="Constants">Per-frame scalars.</param>
public readonly record struct SceneViews(
    ArrayView<BvhNode> BlasNodes,
    ArrayView<BvhNode> TlasNodes,
    ArrayView<Triangle> Triangles,
    ArrayView<TriangleInfo> TriangleInfos,
    ArrayView<VertexAttributes> Vertices,
    ArrayView<InstanceData> Instances,
    ArrayView<MaterialData> Materials,
    ArrayView<TextureInfo> Textures,
    ArrayView<uint> Texels,
    ArrayView<float> SrgbTable,
    ArrayView<SphereData> Spheres,
    ArrayView<EmissiveTriangle> Emitters,
    ArrayView<PunctualLight> Lights,
    ArrayView<float> LightCdf,
    SceneConstants Constants);
