namespace Pictor.Grains.Tests;

internal static class TempDirectories
{
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
            // A file still held open only leaves litter in the temp directory.
        }
    }
}
