using System.Reflection;

namespace Pictor.Silo.Storage;

/// <summary>The SQL scripts embedded in this assembly (schemas of the storage providers).</summary>
internal static class EmbeddedScripts
{
    /// <summary>Reads one script.</summary>
    /// <param name="name">Its manifest resource name, e.g. <c>sqlite-persistence.sql</c>.</param>
    /// <returns>The script's text.</returns>
    /// <exception cref="InvalidOperationException">No such script is embedded.</exception>
    public static string Read(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
