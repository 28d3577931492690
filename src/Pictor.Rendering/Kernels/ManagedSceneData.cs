using System.Runtime.CompilerServices;
using Pictor.Rendering.Acceleration;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary><see cref="ISceneData"/> over a <see cref="FrameScene"/>'s arrays, for the managed CPU path.</summary>
/// <remarks>Each rendering thread makes its own copy with its own stack array.</remarks>
internal readonly struct ManagedSceneData : ISceneData
{
    private readonly BvhNode[] _blas;
    private readonly BvhNode[] _tlas;
    private readonly Triangle[] _triangles;
    private readonly TriangleInfo[] _infos;
    private readonly VertexAttributes[] _vertices;
    private readonly InstanceData[] _instances;
    private readonly MaterialData[] _materials;
    private readonly TextureInfo[] _textures;
    private readonly uint[] _texels;
    private readonly float[] _srgb;
    private readonly SphereData[] _spheres;
    private readonly EmissiveTriangle[] _emitters;
    private readonly PunctualLight[] _lights;
    private readonly float[] _cdf;
    private readonly SceneConstants _constants;
    private readonly int[] _stack;

    public ManagedSceneData(FrameScene scene)
    {
        _blas = scene.Geometry.BlasNodes;
        _tlas = scene.TlasNodes;
        _triangles = scene.Geometry.Triangles;
        _infos = scene.Geometry.TriangleInfos;
        _vertices = scene.Geometry.Vertices;
        _instances = scene.Instances;
        _materials = scene.Geometry.Materials;
        _textures = scene.Geometry.Textures;
        _texels = scene.Geometry.Texels;
        _srgb = scene.Geometry.SrgbTable;
        _spheres = scene.Geometry.Spheres;
        _emitters = scene.Emitters;
        _lights = scene.Lights;
        _cdf = scene.LightCdf;
        _constants = scene.Constants;
        _stack = new int[SceneIntersector.StackSize];
    }

    public SceneConstants Constants => _constants;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BvhNode BlasNode(int index) => _blas[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BvhNode TlasNode(int index) => _tlas[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Triangle Triangle(int index) => _triangles[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TriangleInfo TriangleInfo(int index) => _infos[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public VertexAttributes Vertex(int index) => _vertices[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public InstanceData Instance(int index) => _instances[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaterialData Material(int index) => _materials[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TextureInfo Texture(int index) => _textures[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Texel(int index) => _texels[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SrgbToLinear(int code) => _srgb[code];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SphereData Sphere(int index) => _spheres[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EmissiveTriangle Emitter(int index) => _emitters[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PunctualLight Light(int index) => _lights[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float LightCdf(int index) => _cdf[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int StackGet(int index) => _stack[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StackSet(int index, int value) => _stack[index] = value;
}
