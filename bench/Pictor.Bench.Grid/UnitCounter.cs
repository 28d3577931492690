using System.Diagnostics.Metrics;
using Pictor.Grains;

/// <summary>Counts work units rendered in this process, from the grid's <c>pictor.units.rendered</c> counter.</summary>
internal static class UnitCounter
{
    private static long _units;

    // The listener lives as long as the process; the bench is its only user.
    private static readonly MeterListener Listener = Start();

    /// <summary>Units rendered since the first read (the listener starts then: read it once before measuring).</summary>
    public static long Units
    {
        get
        {
            GC.KeepAlive(Listener);
            return Interlocked.Read(ref _units);
        }
    }

    private static MeterListener Start()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GridMetrics.MeterName && instrument.Name == "pictor.units.rendered")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _units, value));
        listener.Start();
        return listener;
    }
}
