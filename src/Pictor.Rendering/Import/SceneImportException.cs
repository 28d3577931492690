namespace Pictor.Rendering.Import;

/// <summary>A scene file could not be imported: it is malformed, truncated, refers to missing files or exceeds limits.</summary>
public sealed class SceneImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SceneImportException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words a user can act on.</param>
    public SceneImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The underlying failure.</param>
    public SceneImportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
