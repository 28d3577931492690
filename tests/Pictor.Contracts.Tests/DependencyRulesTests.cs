using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Pictor.Contracts.Tests;

/// <summary>
/// The house rule "dependencies point one way", read from the csproj files: which project may reference which, and
/// that the table in <c>docs/architecture.md</c> lists exactly the ProjectReferences there are.
/// </summary>
public sealed partial class DependencyRulesTests
{
    private static readonly string[] ProductFolders = ["contracts", "src", "grains", "silo", "bench"];

    internal static readonly string Root = FindRoot();

    private static readonly IReadOnlyDictionary<string, Project> Projects = ReadProjects();

    [Fact]
    [Trait("Suite", "fast")]
    public void ArchitectureDoc_ListsEveryProjectReference()
    {
        string doc = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));
        int begin = doc.IndexOf("<!-- dependencies:begin -->", StringComparison.Ordinal);
        int end = doc.IndexOf("<!-- dependencies:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/architecture.md has no dependencies:begin/end markers");
        var drawn = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(doc[begin..end]))
        {
            foreach (string reference in row.Groups["refs"].Value.Split(
                ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (reference != "—")
                {
                    drawn.Add($"{row.Groups["project"].Value} -> {reference.Trim('`')}");
                }
            }

            drawn.Add($"{row.Groups["project"].Value}");
        }

        var actual = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in Projects.Values)
        {
            actual.Add(project.Name);
            foreach (string reference in project.References)
            {
                actual.Add($"{project.Name} -> {reference}");
            }
        }

        Assert.Equal(actual, drawn);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("Pictor.Contracts")]
    [InlineData("Pictor.Rendering")]
    [InlineData("Pictor.Chain")]
    [InlineData("Pictor.Cluster.Security")]
    public void Foundations_ReferenceNothingOfOurs(string name)
    {
        Assert.Empty(Projects[name].References);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("Pictor.Rendering")]
    [InlineData("Pictor.Chain")]
    [InlineData("Pictor.Cluster.Security")]
    public void Engines_KnowNothingOfOrleans(string name)
    {
        Assert.DoesNotContain(
            Closure(name).SelectMany(p => Projects[p].Packages), p => p.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Client_ReachesNeitherGrainsNorSiloNorTheOrleansServer()
    {
        var closure = Closure("Pictor.Client");
        Assert.DoesNotContain("Pictor.Grains", closure);
        Assert.DoesNotContain("Pictor.Silo", closure);
        Assert.DoesNotContain(closure.SelectMany(p => Projects[p].Packages), p => p == "Microsoft.Orleans.Server");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Grains_ReachNoHostNoClientNoCli()
    {
        var closure = Closure("Pictor.Grains");
        Assert.DoesNotContain("Pictor.Silo", closure);
        Assert.DoesNotContain("Pictor.Client", closure);
        Assert.DoesNotContain("Pictor.Cli", closure);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Silo_DoesNotReferenceTheClientOrTheCli()
    {
        Assert.DoesNotContain("Pictor.Client", Closure("Pictor.Silo"));
        Assert.DoesNotContain("Pictor.Cli", Closure("Pictor.Silo"));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Cli_UsesGrainsOnlyThroughTheSilo()
    {
        Assert.DoesNotContain("Pictor.Grains", Projects["Pictor.Cli"].References);
        string cli = Path.Combine(Root, "src", "Pictor.Cli");
        var offenders = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("using Pictor.Grains", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void NothingReferencesABenchOrATest()
    {
        foreach (var project in Projects.Values)
        {
            Assert.DoesNotContain(
                project.References,
                r => r.StartsWith("Pictor.Bench", StringComparison.Ordinal) || r.EndsWith(".Tests", StringComparison.Ordinal));
        }
    }

    private static HashSet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([name]);
        while (next.TryPop(out string? current))
        {
            if (seen.Add(current))
            {
                foreach (string reference in Projects[current].References)
                {
                    next.Push(reference);
                }
            }
        }

        return seen;
    }

    private static Dictionary<string, Project> ReadProjects()
    {
        var result = new Dictionary<string, Project>(StringComparer.Ordinal);
        foreach (string folder in ProductFolders)
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories))
            {
                if (IsBuildOutput(path))
                {
                    continue;
                }

                var xml = XDocument.Load(path);
                var references = xml.Descendants("ProjectReference")
                    .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
                    .ToList();
                var packages = xml.Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value).ToList();
                string name = Path.GetFileNameWithoutExtension(path);
                result[name] = new Project(name, references, packages);
            }
        }

        return result;
    }

    private static bool IsBuildOutput(string path)
    {
        string[] parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("obj") || parts.Contains("bin") || parts.Contains("node_modules");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pictor.Grid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Pictor.Grid.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^\| `(?<project>Pictor\.[A-Za-z.]+)` \| (?<refs>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    private sealed record Project(string Name, IReadOnlyList<string> References, IReadOnlyList<string> Packages);
}
