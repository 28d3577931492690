using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Pictor.Rendering.Kernels;

namespace Pictor.Rendering.Tests;

public sealed class KernelCompilationTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void RenderNaive_CompilesToPtx_WithoutAGpu()
    {
        // The CPU accelerator runs kernels as .NET code, so it cannot catch code ILGPU's GPU compiler rejects;
        // compiling to PTX here does, on machines without a GPU.
        using var context = Context.Create(builder => builder.Default().Math(MathMode.Fast32BitOnly).Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        var method = typeof(TileKernels).GetMethod(nameof(TileKernels.RenderNaive))!;
        var kernel = (PTXCompiledKernel)backend.Compile(
            EntryPointDescription.FromImplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        Assert.Contains(".entry", kernel.PTXAssembly, StringComparison.Ordinal);
        Assert.DoesNotContain("sin.approx", kernel.PTXAssembly, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void RenderScene_CompilesToPtx_WithoutAGpu()
    {
        using var context = Context.Create(builder => builder.Default().Math(MathMode.Fast32BitOnly).Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null!);
        var method = typeof(TileKernels).GetMethod(nameof(TileKernels.RenderScene))!;
        var kernel = (PTXCompiledKernel)backend.Compile(
            EntryPointDescription.FromImplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        Assert.Contains(".entry", kernel.PTXAssembly, StringComparison.Ordinal);
    }
}
