using Pictor.Rendering.Kernels;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Packages;

namespace Pictor.Rendering.Scenes;

/// <summary>Picks a frame's camera (by name, else the first) and writes its frame into the scene constants.</summary>
public static class SceneCamera
{
    /// <summary>Vertical field of view of the camera made up for scenes that have none.</summary>
    public const float FallbackFovY = 0.8f;

    /// <summary>Places the camera.</summary>
    /// <param name="package">The package.</param>
    /// <param name="world">World transforms of the nodes at this frame.</param>
    /// <param name="name">Camera name, or null for the first camera.</param>
    /// <param name="sceneMin">Lower corner of the scene's bounds (for the fallback camera).</param>
    /// <param name="sceneMax">Upper corner of the scene's bounds.</param>
    /// <param name="constants">Receives eye, axes, field of view and aspect.</param>
    /// <returns>The camera's name (<c>auto</c> for the fallback camera).</returns>
    /// <exception cref="ArgumentException">No camera has that name.</exception>
    public static string Place(
        ScenePackage package, Affine3[] world, string? name, Float3 sceneMin, Float3 sceneMax, ref SceneConstants constants)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(world);
        PackageCamera? camera = null;
        if (name is not null)
        {
            camera = package.Cameras.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
                ?? throw new ArgumentException(package.Cameras.Length == 0
                    ? $"The scene has no camera named '{name}'; it has no cameras at all."
                    : $"The scene has no camera named '{name}'; it has " +
                        $"{string.Join(", ", package.Cameras.Select(c => $"'{c.Name}'"))}.", nameof(name));
        }
        else if (package.Cameras.Length > 0)
        {
            camera = package.Cameras[0];
        }

        Float3 eye, forward, up;
        if (camera is null)
        {
            // No camera: look at the scene's bounds from +z, far enough back to see all of it.
            var center = (sceneMin + sceneMax) * 0.5f;
            float radius = MathF.Max(Float3.Length(sceneMax - sceneMin) * 0.5f, 1e-3f);
            eye = center + new Float3(0f, 0f, radius / MathF.Tan(FallbackFovY * 0.5f) * 1.1f);
            forward = new Float3(0f, 0f, -1f);
            up = new Float3(0f, 1f, 0f);
            constants.TanHalfFovY = MathF.Tan(FallbackFovY * 0.5f);
            constants.Aspect = 0f;
        }
        else if (camera.Node >= 0)
        {
            var toWorld = world[camera.Node];
            eye = toWorld.Point(Float3.Zero);
            forward = toWorld.Vector(new Float3(0f, 0f, -1f));
            up = toWorld.Vector(new Float3(0f, 1f, 0f));
            constants.TanHalfFovY = camera.TanHalfFovY;
            constants.Aspect = camera.Aspect;
        }
        else
        {
            eye = new Float3(camera.Eye[0], camera.Eye[1], camera.Eye[2]);
            forward = new Float3(camera.Target[0], camera.Target[1], camera.Target[2]) - eye;
            up = new Float3(0f, 1f, 0f);
            constants.TanHalfFovY = camera.TanHalfFovY;
            constants.Aspect = camera.Aspect;
        }

        forward = Float3.Length(forward) > 0f ? Float3.Normalize(forward) : new Float3(0f, 0f, -1f);
        var right = Float3.Cross(forward, up);
        if (!(Float3.Length(right) > 1e-6f))
        {
            right = Float3.Cross(forward, MathF.Abs(forward.X) < 0.9f ? new Float3(1f, 0f, 0f) : new Float3(0f, 0f, 1f));
        }

        right = Float3.Normalize(right);
        constants.Eye = eye;
        constants.Forward = forward;
        constants.Right = right;
        constants.Up = Float3.Cross(right, forward);
        return camera?.Name ?? "auto";
    }
}
