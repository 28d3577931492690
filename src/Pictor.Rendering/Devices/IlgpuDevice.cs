using ILGPU;
using ILGPU.Runtime;
using Pictor.Rendering.Kernels;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Devices;

/// <summary>Renders through an ILGPU accelerator (CUDA, OpenCL or ILGPU's CPU accelerator).</summary>
/// <remarks>The kernel is compiled once per accelerator; the output buffer is kept and grown as needed.</remarks>
public sealed class IlgpuDevice : IRenderDevice
{
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, TileKernelArgs> _kernel;
    private readonly Lock _gate = new();
    private readonly DeviceSceneBuffers _scene;
    private Action<Index1D, SceneKernelArgs>? _sceneKernel;
    private MemoryBuffer1D<float, Stride1D.Dense>? _output;

    /// <summary>Wraps an accelerator created by <see cref="DeviceCatalog"/>; takes ownership of it.</summary>
    /// <param name="id">Device id on this host.</param>
    /// <param name="kind">Device kind.</param>
    /// <param name="accelerator">The accelerator.</param>
    internal IlgpuDevice(string id, DeviceKind kind, Accelerator accelerator)
    {
        _accelerator = accelerator;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, TileKernelArgs>(TileKernels.RenderNaive);
        _scene = new DeviceSceneBuffers(accelerator);
        Info = new DeviceInfo(id, kind, accelerator.Name, accelerator.MemorySize, 0);
    }

    /// <inheritdoc/>
    public DeviceInfo Info { get; }

    /// <inheritdoc/>
    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        RenderGuards.Check(frame, rect, rgb.Length);
        lock (_gate)
        {
            if (_output is null || _output.Length < rect.FloatCount)
            {
                _output?.Dispose();
                _output = _accelerator.Allocate1D<float>(rect.FloatCount);
            }

            ArrayView<float> view = _output.View;
            view = view.SubView(0, rect.FloatCount);
            var args = new TileKernelArgs(view, frame, rect);
            _kernel(rect.PixelCount, args);
            _accelerator.Synchronize();
            view.CopyToCPU(rgb[..rect.FloatCount]);
        }
    }

    /// <inheritdoc/>
    public void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        ArgumentNullException.ThrowIfNull(scene);
        RenderGuards.Check(frame, rect, rgb.Length);
        lock (_gate)
        {
            // Compiled on first use: devices that only ever render the built-in scene never pay for it.
            _sceneKernel ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, SceneKernelArgs>(TileKernels.RenderScene);
            var views = _scene.Bind(scene);
            if (_output is null || _output.Length < rect.FloatCount)
            {
                _output?.Dispose();
                _output = _accelerator.Allocate1D<float>(rect.FloatCount);
            }

            ArrayView<float> view = _output.View;
            view = view.SubView(0, rect.FloatCount);
            _sceneKernel(rect.PixelCount, new SceneKernelArgs(view, frame, rect, views));
            _accelerator.Synchronize();
            view.CopyToCPU(rgb[..rect.FloatCount]);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _output?.Dispose();
        _scene.Dispose();
        _accelerator.Dispose();
    }
}
