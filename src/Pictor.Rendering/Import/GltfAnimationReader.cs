using System.Text.Json;
using Pictor.Rendering.Packages;
using SharpGLTF.Schema2;

namespace Pictor.Rendering.Import;

/// <summary>Reads node translation, rotation and scale channels of every glTF animation (all play together).</summary>
internal static class GltfAnimationReader
{
    public static void Read(
        ModelRoot model, JsonElement root, IReadOnlyDictionary<int, int> nodeMap, ImportWarnings warnings, SceneDraft draft)
    {
        var seen = new HashSet<(int, int)>();
        foreach (var animation in GltfPreflight.Array(root, "animations"))
        {
            var samplers = GltfPreflight.Array(animation, "samplers");
            foreach (var channel in GltfPreflight.Array(animation, "channels"))
            {
                if (!GltfPreflight.TryObject(channel, "target", out var target))
                {
                    continue;
                }

                string path = GltfPreflight.String(target, "path") ?? string.Empty;
                int pathIndex = path switch { "translation" => 0, "rotation" => 1, "scale" => 2, _ => -1 };
                if (pathIndex < 0)
                {
                    warnings.Add($"animation of '{path}' is not supported (only node translation, rotation and scale)");
                    continue;
                }

                int node = GltfPreflight.Int(target, "node", -1);
                if (!nodeMap.TryGetValue(node, out int mapped))
                {
                    continue;
                }

                int samplerIndex = GltfPreflight.Int(channel, "sampler", -1);
                if ((uint)samplerIndex >= (uint)samplers.Length)
                {
                    throw new SceneImportException($"An animation channel names sampler {samplerIndex}, which does not exist.");
                }

                var sampler = samplers[samplerIndex];
                string interpolation = GltfPreflight.String(sampler, "interpolation") ?? "LINEAR";
                int mode = interpolation switch { "STEP" => 0, "CUBICSPLINE" => 2, _ => 1 };
                var times = Accessor(model, GltfPreflight.Int(sampler, "input", -1)).AsScalarArray().ToArray();
                var outputAccessor = Accessor(model, GltfPreflight.Int(sampler, "output", -1));
                float[] values = pathIndex == 1
                    ? [.. outputAccessor.AsQuaternionArray().SelectMany(q => new[] { q.X, q.Y, q.Z, q.W })]
                    : [.. outputAccessor.AsVector3Array().SelectMany(v => new[] { v.X, v.Y, v.Z })];
                int width = pathIndex == 1 ? 4 : 3;
                if (times.Length == 0 || values.Length != times.Length * width * (mode == 2 ? 3 : 1))
                {
                    throw new SceneImportException($"An animation sampler has {times.Length} key times and {values.Length / width} " +
                        $"values, which do not match its {interpolation} interpolation.");
                }

                for (int i = 0; i < times.Length; i++)
                {
                    if (!float.IsFinite(times[i]) || (i > 0 && times[i] < times[i - 1]))
                    {
                        throw new SceneImportException("An animation sampler's key times are not finite and increasing.");
                    }
                }

                if (!seen.Add((mapped, pathIndex)))
                {
                    warnings.Add("several animations drive the same node property; the last one wins");
                }

                draft.Channels.Add(
                    new PackageAnimationChannel { Node = mapped, Path = pathIndex, Interpolation = mode, Times = times, Values = values });
            }
        }
    }

    private static Accessor Accessor(ModelRoot model, int index) =>
        (uint)index < (uint)model.LogicalAccessors.Count
            ? model.LogicalAccessors[index]
            : throw new SceneImportException($"An animation sampler names accessor {index}, which does not exist.");
}
