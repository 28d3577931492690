using System.Text.RegularExpressions;

namespace Pictor.Contracts.Tests;

/// <summary>
/// The house rule "wrap at the editorconfig's <c>max_line_length</c>", which the build does not enforce: no line of a
/// C# file in the product or test folders runs past it.
/// </summary>
public sealed partial class SourceLineLengthTests
{
    private static readonly string[] SourceFolders = ["contracts", "grains", "silo", "src", "bench", "tests"];

    [Fact]
    [Trait("Suite", "fast")]
    public void SourceLinesFitTheEditorconfigLimit()
    {
        string root = DependencyRulesTests.Root;
        int limit = CSharpLineLimit(File.ReadAllText(Path.Combine(root, ".editorconfig")));
        var tooLong = new List<string>();
        foreach (string folder in SourceFolders)
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (relative.Split('/').Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                string[] lines = File.ReadAllLines(path);
                for (int i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > limit)
                    {
                        tooLong.Add($"{relative}:{i + 1} ({lines[i].Length})");
                    }
                }
            }
        }

        Assert.True(tooLong.Count == 0, $"{tooLong.Count} line(s) over {limit} characters:\n" + string.Join('\n', tooLong));
    }

    /// <summary>The <c>max_line_length</c> of the <c>[*.cs]</c> section.</summary>
    private static int CSharpLineLimit(string editorconfig)
    {
        var match = CSharpMaxLineLength().Match(editorconfig);
        Assert.True(match.Success, ".editorconfig sets no max_line_length for [*.cs]");
        return int.Parse(match.Groups["limit"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\[\*\.cs\]\s*$(?:(?!^\[)[\s\S])*?^max_line_length\s*=\s*(?<limit>\d+)", RegexOptions.Multiline)]
    private static partial Regex CSharpMaxLineLength();
}
