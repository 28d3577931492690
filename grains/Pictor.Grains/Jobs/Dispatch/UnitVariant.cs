using System.Globalization;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>Which render of a tile a work unit is: each variant is a unit grain of its own.</summary>
/// <remarks>
/// On the wire (<see cref="Contracts.Jobs.WorkUnit.Variant"/>) it is a short string, unchanged since the first
/// release: null for a first render; <c>check</c> or <c>tiebreak</c>; prefixed <c>rN-</c> (or just <c>rN</c> for a
/// first render) after N rejections of the tile; suffixed <c>-pN</c> (or just <c>pN</c>) after N fresh placements
/// because the unit was misplaced. This type builds and reads that string so no other code does.
/// </remarks>
/// <param name="Kind">Why the tile is rendered.</param>
/// <param name="Reissue">How often the tile's renders were rejected before this one.</param>
/// <param name="Replacement">How often this render had to be placed afresh (a misplaced unit).</param>
internal readonly record struct UnitVariant(AttemptKind Kind, int Reissue = 0, int Replacement = 0)
{
    /// <summary>The wire form: null for a first render never rejected nor replaced.</summary>
    public string? Wire
    {
        get
        {
            string? kind = Kind switch
            {
                AttemptKind.Check => "check",
                AttemptKind.Tiebreak => "tiebreak",
                _ => null,
            };
            string? reissued = Reissue == 0 ? kind : kind is null ? $"r{Reissue}" : $"r{Reissue}-{kind}";
            return Replacement == 0 ? reissued : reissued is null ? $"p{Replacement}" : $"{reissued}-p{Replacement}";
        }
    }

    /// <summary>Reads a wire form back.</summary>
    /// <param name="wire">The string, or null.</param>
    /// <param name="variant">The variant read.</param>
    /// <returns>False when the string is not a variant this type writes.</returns>
    public static bool TryParse(string? wire, out UnitVariant variant)
    {
        variant = default;
        if (wire is null)
        {
            return true;
        }

        var parts = wire.Split('-');
        int i = 0;
        int reissue = 0, replacement = 0;
        var kind = AttemptKind.Primary;
        if (i < parts.Length && Counted(parts[i], 'r', out reissue))
        {
            i++;
        }

        if (i < parts.Length && parts[i] is "check" or "tiebreak")
        {
            kind = parts[i] == "check" ? AttemptKind.Check : AttemptKind.Tiebreak;
            i++;
        }

        if (i < parts.Length && Counted(parts[i], 'p', out replacement))
        {
            i++;
        }

        variant = new UnitVariant(kind, reissue, replacement);
        return i == parts.Length && parts.Length > 0 && variant.Wire == wire;
    }

    /// <inheritdoc/>
    public override string ToString() => Wire ?? "first";

    private static bool Counted(string part, char prefix, out int count)
    {
        count = 0;
        return part.Length > 1 && part[0] == prefix
            && int.TryParse(part.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0;
    }
}
