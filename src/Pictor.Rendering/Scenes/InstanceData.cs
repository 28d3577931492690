using System.Runtime.InteropServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Scenes;

/// <summary>A mesh placed in a frame: both transforms and the root of its BVH.</summary>
/// <param name="WorldToLocal">Maps world rays into the mesh's space (t is preserved: directions are not renormalized).</param>
/// <param name="LocalToWorld">Maps the mesh into the world.</param>
/// <param name="RootNode">Index of the mesh's BVH root in the scene's BLAS node array.</param>
/// <param name="Mesh">Index of the mesh in the package.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct InstanceData(Affine3 WorldToLocal, Affine3 LocalToWorld, int RootNode, int Mesh);
