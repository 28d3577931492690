namespace Pictor.Grains.Devices;

/// <summary>This silo has no slot that may render the tile (none eligible, or all excluded for the job).</summary>
public sealed class NoEligibleSlotException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NoEligibleSlotException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public NoEligibleSlotException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NoEligibleSlotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
