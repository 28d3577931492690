using ILGPU;
using ILGPU.Runtime;
using Pictor.Rendering.Kernels;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Devices;

/// <summary>Owns a frame scene's arrays on an accelerator: the geometry stays while the same
/// <see cref="SceneGeometry"/> keeps coming; the small per-frame arrays are replaced when the frame changes.</summary>
internal sealed class DeviceSceneBuffers : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly List<MemoryBuffer> _geometryBuffers = [];
    private readonly List<MemoryBuffer> _frameBuffers = [];
    private SceneGeometry? _geometry;
    private FrameScene? _frame;
    private SceneViews _views;

    public DeviceSceneBuffers(Accelerator accelerator)
    {
        _accelerator = accelerator;
    }

    /// <summary>Uploads what changed and returns the views of <paramref name="scene"/>.</summary>
    public SceneViews Bind(FrameScene scene)
    {
        if (!ReferenceEquals(scene.Geometry, _geometry))
        {
            Release(_frameBuffers);
            Release(_geometryBuffers);
            _frame = null;
            var g = scene.Geometry;
            _views = _views with
            {
                BlasNodes = Upload(_geometryBuffers, g.BlasNodes),
                Triangles = Upload(_geometryBuffers, g.Triangles),
                TriangleInfos = Upload(_geometryBuffers, g.TriangleInfos),
                Vertices = Upload(_geometryBuffers, g.Vertices),
                Materials = Upload(_geometryBuffers, g.Materials),
                Textures = Upload(_geometryBuffers, g.Textures),
                Texels = Upload(_geometryBuffers, g.Texels),
                SrgbTable = Upload(_geometryBuffers, g.SrgbTable),
                Spheres = Upload(_geometryBuffers, g.Spheres),
            };
            _geometry = g;
        }

        if (!ReferenceEquals(scene, _frame))
        {
            Release(_frameBuffers);
            _views = _views with
            {
                TlasNodes = Upload(_frameBuffers, scene.TlasNodes),
                Instances = Upload(_frameBuffers, scene.Instances),
                Emitters = Upload(_frameBuffers, scene.Emitters),
                Lights = Upload(_frameBuffers, scene.Lights),
                LightCdf = Upload(_frameBuffers, scene.LightCdf),
                Constants = scene.Constants,
            };
            _frame = scene;
        }

        return _views;
    }

    public void Dispose()
    {
        Release(_frameBuffers);
        Release(_geometryBuffers);
    }

    private ArrayView<T> Upload<T>(List<MemoryBuffer> owner, T[] data)
        where T : unmanaged
    {
        var buffer = _accelerator.Allocate1D(data);
        owner.Add(buffer);
        return buffer.View;
    }

    private static void Release(List<MemoryBuffer> buffers)
    {
        for (int i = buffers.Count - 1; i >= 0; i--)
        {
            buffers[i].Dispose();
        }

        buffers.Clear();
    }
}
