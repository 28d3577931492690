namespace Pictor.Testing;

/// <summary>A directory under the temp path that is deleted on dispose (litter only if a file is still held open).</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    /// <summary>The directory's full path; it exists once created.</summary>
    public string Path { get; }

    /// <summary>Creates <c>{temp}/pictor-{prefix}-{guid}</c>.</summary>
    public static TempDirectory Create(string prefix)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pictor-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new TempDirectory(path);
    }

    /// <summary>Deletes a directory tree if it exists; a file still held open only leaves litter in the temp directory.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Only litter in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Only litter in the temp directory.
        }
    }

    public void Dispose()
    {
        // SQLite pools keep files open after their silo stopped.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Delete(Path);
    }

    public override string ToString() => Path;
}
