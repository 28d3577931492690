using System.Diagnostics.Metrics;

namespace Pictor.Chain;

/// <summary>Instruments of the <c>Pictor.Chain</c> meter.</summary>
internal static class ChainMetrics
{
    /// <summary>Name of the meter, for <c>AddMeter</c> in OpenTelemetry.</summary>
    public const string MeterName = "Pictor.Chain";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Settlement attempts by <c>outcome</c>: confirmed, refused, unconfirmed, cancelled, failed.</summary>
    public static readonly Counter<long> Settlements = Meter.CreateCounter<long>(
        "pictor.chain.settlements", unit: "{settlement}", description: "Settlement attempts by outcome.");

    /// <summary>Seconds from the first RPC call to the outcome of a settlement.</summary>
    public static readonly Histogram<double> SettlementDuration = Meter.CreateHistogram<double>(
        "pictor.chain.settlement.duration", unit: "s", description: "Time to settle, by outcome.");
}
