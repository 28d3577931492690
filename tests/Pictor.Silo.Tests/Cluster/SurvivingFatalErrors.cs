namespace Pictor.Silo.Tests.Cluster;

/// <summary>A fatal-error handler for silos that share a test process: it leaves the process running.</summary>
/// <remarks>
/// A silo told it is dead (an intruder the cluster voted out, a silo stopped while its membership lags) calls
/// <see cref="IFatalErrorHandler.OnFatalException"/>, whose default ends the process with
/// <see cref="Environment.FailFast(string)"/>. For a real silo process that is right; here it would take down the
/// test host and every other test with it (seen once in CI when the cluster declared a refused intruder dead before
/// the intruder gave up joining).
/// </remarks>
internal sealed class SurvivingFatalErrors : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        // The silo stops serving on its own once it knows it is dead; the test that started it disposes it.
    }
}
