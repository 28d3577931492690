namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>
/// Something a watcher of the job should hear about a unit that did not render: it is retried, or a worker is
/// blocklisted.
/// </summary>
/// <param name="Ordinal">The first tile of the unit.</param>
/// <param name="WorkerId">The worker concerned, if any.</param>
/// <param name="Message">What happened.</param>
internal sealed record RetryNotice(int Ordinal, string? WorkerId, string? Message);
