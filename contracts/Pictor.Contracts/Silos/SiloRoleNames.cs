namespace Pictor.Contracts.Silos;

/// <summary>How a <see cref="SiloRole"/> is written: in Orleans silo metadata, in configuration and on the command line.</summary>
public static class SiloRoleNames
{
    /// <summary>The silo metadata key under which a silo publishes its role.</summary>
    public const string MetadataKey = "pictor.role";

    /// <summary>Parses <c>core</c>, <c>worker</c> or <c>all</c> (any case).</summary>
    /// <param name="text">The text.</param>
    /// <param name="role">The role.</param>
    /// <returns>Whether the text names a role.</returns>
    public static bool TryParse(string? text, out SiloRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    /// <summary>The text a role is published as.</summary>
    /// <param name="role">The role.</param>
    /// <returns><c>core</c>, <c>worker</c> or <c>all</c>.</returns>
    public static string Format(SiloRole role) => role.ToString().ToLowerInvariant();
}
