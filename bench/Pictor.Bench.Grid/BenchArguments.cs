using System.Globalization;

/// <summary>The bench's command line: <c>--name value</c> pairs, numeric or text.</summary>
/// <param name="args">The command line.</param>
internal sealed class BenchArguments(string[] args)
{
    /// <summary>The command line as given.</summary>
    public string[] All => args;

    /// <summary>Whether a flag is present.</summary>
    /// <param name="name">The flag without its dashes.</param>
    /// <returns>True when <c>--name</c> is on the command line.</returns>
    public bool Has(string name) => args.Contains($"--{name}");

    /// <summary>The number after <c>--name</c>, or <paramref name="fallback"/>.</summary>
    /// <param name="name">The flag without its dashes.</param>
    /// <param name="fallback">The value when the flag is absent or not a number.</param>
    /// <returns>The value.</returns>
    public double Number(string name, double fallback) =>
        Text(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : fallback;

    /// <summary>The number after <c>--name</c>, or null.</summary>
    /// <param name="name">The flag without its dashes.</param>
    /// <returns>The value, or null when the flag is absent or not a number.</returns>
    public double? Number(string name) =>
        Text(name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : null;

    /// <summary>The text after <c>--name</c>, or <paramref name="fallback"/>.</summary>
    /// <param name="name">The flag without its dashes.</param>
    /// <param name="fallback">The value when the flag is absent.</param>
    /// <returns>The value.</returns>
    public string Text(string name, string fallback) => Text(name) ?? fallback;

    private string? Text(string name)
    {
        int at = Array.IndexOf(args, $"--{name}");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
