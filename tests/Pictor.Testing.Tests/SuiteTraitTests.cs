using System.Reflection;
using System.Runtime.InteropServices;

namespace Pictor.Testing.Tests;

/// <summary>Every test of every test project names one Suite from the fixed set, so that a filter never misses one.</summary>
public sealed class SuiteTraitTests
{
    private static readonly string[] TestAttributes = ["Xunit.FactAttribute", "Xunit.TheoryAttribute"];

    [Fact]
    [Trait(Suites.Trait, Suites.Fast)]
    public void EveryTest_InEveryTestAssembly_HasExactlyOneSuiteFromTheFixedSet()
    {
        var assemblies = TestAssemblies();
        Assert.True(assemblies.Count >= 8, $"only {assemblies.Count} test assemblies found: {string.Join(", ", assemblies)}");
        var problems = new List<string>();
        int tests = 0;
        foreach (string path in assemblies)
        {
            string directory = Path.GetDirectoryName(path)!;
            var resolver = new PathAssemblyResolver(Directory.GetFiles(directory, "*.dll").Concat(FrameworkAssemblies()));
            using var context = new MetadataLoadContext(resolver);
            var assembly = context.LoadFromAssemblyPath(path);
            foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract))
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
                {
                    if (!method.CustomAttributes.Any(a => IsTestAttribute(a.AttributeType)))
                    {
                        continue;
                    }

                    tests++;
                    var suites = SuitesOf(method.CustomAttributes).Concat(SuitesOf(ClassAndBases(type)))
                        .Distinct(StringComparer.Ordinal)
                        .ToList();
                    string name = $"{assembly.GetName().Name}: {type.FullName}.{method.Name}";
                    if (suites.Count == 0)
                    {
                        problems.Add($"{name} has no Suite trait");
                    }
                    else if (suites.Count > 1)
                    {
                        problems.Add($"{name} has several Suite traits: {string.Join(", ", suites)}");
                    }
                    else if (!Suites.All.Contains(suites[0]))
                    {
                        problems.Add($"{name} has Suite '{suites[0]}', which is none of {string.Join(", ", Suites.All)} (tests/README.md)");
                    }
                }
            }
        }

        Assert.True(tests > 200, $"only {tests} tests found");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The built assembly of every <c>tests/*/*.Tests.csproj</c> but this one, in this build's configuration.</summary>
    private static List<string> TestAssemblies()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tests = here;
        while (tests.Name != "tests" || !Directory.Exists(Path.Combine(tests.FullName, "Pictor.Testing")))
        {
            tests = tests.Parent ?? throw new InvalidOperationException($"no tests/ folder above {here}");
        }

        // .../tests/Pictor.Testing.Tests/bin/{Configuration}/{tfm}/
        string tfm = here.Name;
        string configuration = here.Parent!.Name;
        string self = typeof(SuiteTraitTests).Assembly.GetName().Name!;
        var found = new List<string>();
        foreach (string project in Directory.GetFiles(tests.FullName, "*.Tests.csproj", SearchOption.AllDirectories))
        {
            string name = Path.GetFileNameWithoutExtension(project);
            if (name == self)
            {
                continue;
            }

            string dll = Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration, tfm, name + ".dll");
            Assert.True(File.Exists(dll), $"{dll} is not built: add {name} to this project's references so that it is built first");
            found.Add(dll);
        }

        return found;
    }

    /// <summary>The shared frameworks' assemblies: .NET's own and ASP.NET Core's (the silo is a web project).</summary>
    private static IEnumerable<string> FrameworkAssemblies()
    {
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var web = new DirectoryInfo(Path.Combine(runtime.Parent!.Parent!.FullName, "Microsoft.AspNetCore.App", runtime.Name));
        return Directory.GetFiles(runtime.FullName, "*.dll").Concat(web.Exists ? Directory.GetFiles(web.FullName, "*.dll") : []);
    }

    private static bool IsTestAttribute(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (TestAttributes.Contains(t.FullName))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<CustomAttributeData> ClassAndBases(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var attribute in t.CustomAttributes)
            {
                yield return attribute;
            }
        }
    }

    private static IEnumerable<string> SuitesOf(IEnumerable<CustomAttributeData> attributes) =>
        attributes
            .Where(a => a.AttributeType.FullName == "Xunit.TraitAttribute"
                && a.ConstructorArguments.Count == 2
                && a.ConstructorArguments[0].Value as string == Suites.Trait)
            .Select(a => a.ConstructorArguments[1].Value as string ?? string.Empty);
}
