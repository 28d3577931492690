using ILGPU;

namespace Pictor.Rendering.Kernels;

/// <summary>ILGPU kernels: one thread per pixel of a rectangle.</summary>
public static class TileKernels
{
    /// <summary>Renders one pixel of <see cref="TileKernelArgs.Rect"/> with the naive path tracer.</summary>
    /// <param name="index">The pixel's index inside the rectangle.</param>
    /// <param name="args">Output view, frame and rectangle.</param>
    public static void RenderNaive(Index1D index, TileKernelArgs args)
    {
        var rect = args.Rect;
        if (index >= rect.Width * rect.Height)
        {
            return;
        }

        int col = index % rect.Width;
        int row = index / rect.Width;
        var color = NaivePathTracer.RenderPixel(args.Frame, rect.X + col, rect.Y + row);
        int o = index * 3;
        args.Output[o] = color.X;
        args.Output[o + 1] = color.Y;
        args.Output[o + 2] = color.Z;
    }

    /// <summary>Renders one pixel of <see cref="SceneKernelArgs.Rect"/> of a frame scene with <see cref="FullPathTracer"/>.</summary>
    /// <param name="index">The pixel's index inside the rectangle.</param>
    /// <param name="args">Output view, frame, rectangle and scene.</param>
    public static void RenderScene(Index1D index, SceneKernelArgs args)
    {
        var rect = args.Rect;
        if (index >= rect.Width * rect.Height)
        {
            return;
        }

        var scene = new DeviceSceneData(args.Scene, LocalMemory.Allocate<int>(SceneIntersector.StackSize));
        int col = index % rect.Width;
        int row = index / rect.Width;
        var color = FullPathTracer.RenderPixel(scene, args.Frame, rect.X + col, rect.Y + row);
        int o = index * 3;
        args.Output[o] = color.X;
        args.Output[o + 1] = color.Y;
        args.Output[o + 2] = color.Z;
    }
}
