namespace Pictor.Contracts.Jobs;

/// <summary>Checks a job spec against limits; shared by the SDK (before upload) and the job grain (before work).</summary>
public static class JobSpecValidator
{
    /// <summary>The built-in scenes the grid knows.</summary>
    public static IReadOnlySet<string> BuiltinScenes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        RenderJobSpec.CornellSpheres,
    };

    /// <summary>Lists every problem of a spec, in words a user can act on.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="limits">The limits to apply.</param>
    /// <returns>The problems; empty when the spec is valid.</returns>
    public static IReadOnlyList<string> Validate(RenderJobSpec? spec, JobSpecLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (spec is null)
        {
            return ["the job spec is missing"];
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Scene))
        {
            errors.Add("scene is empty");
        }
        else if (spec.SceneHash is not null)
        {
            if (!Scenes.ScenePackageInfo.IsHash(spec.SceneHash))
            {
                errors.Add($"scene hash '{spec.SceneHash}' is not 64 lower-case hex digits");
            }
        }
        else if (!BuiltinScenes.Contains(spec.Scene))
        {
            errors.Add($"scene '{spec.Scene}' is unknown (known: {string.Join(", ", BuiltinScenes)})");
        }

        if (spec.Integrator is not null && !RenderJobSpec.Integrators.Contains(spec.Integrator))
        {
            errors.Add($"integrator '{spec.Integrator}' is unknown (known: {string.Join(", ", RenderJobSpec.Integrators)})");
        }

        if (spec.MaxBounces is < 0 or > 1024)
        {
            errors.Add($"max bounces is {spec.MaxBounces}; it must be between 0 (default) and 1024");
        }

        if (spec.Account is not null && Ledger.AccountIds.Problem(spec.Account) is { } account)
        {
            errors.Add(account);
        }

        CheckRange(errors, "width", spec.Width, 1, limits.MaxWidth);
        CheckRange(errors, "height", spec.Height, 1, limits.MaxHeight);
        CheckRange(errors, "spp", spec.SamplesPerPixel, 1, limits.MaxSamplesPerPixel);
        CheckRange(errors, "tile", spec.TileSize, limits.MinTileSize, limits.MaxTileSize);
        CheckRange(errors, "frame count", spec.FrameCount, 1, limits.MaxFrames);
        if (spec.FirstFrame < 0)
        {
            errors.Add($"first frame is {spec.FirstFrame}; it must be 0 or more");
        }
        else if ((long)spec.FirstFrame + spec.FrameCount > int.MaxValue)
        {
            errors.Add("the frame range runs past the largest frame number");
        }

        return errors;
    }

    /// <summary>Throws when a spec is invalid.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="limits">The limits to apply.</param>
    /// <exception cref="ArgumentException">The spec is invalid; the message lists every problem.</exception>
    public static void ThrowIfInvalid(RenderJobSpec? spec, JobSpecLimits limits)
    {
        var errors = Validate(spec, limits);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid job spec: {string.Join("; ", errors)}.", nameof(spec));
        }
    }

    private static void CheckRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} is {value}; it must be between {min} and {max}");
        }
    }
}
