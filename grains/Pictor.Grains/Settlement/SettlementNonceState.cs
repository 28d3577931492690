namespace Pictor.Grains.Settlement;

/// <summary>Persisted nonces of one sending account.</summary>
[GenerateSerializer, Alias("pictor.SettlementNonceState")]
public sealed class SettlementNonceState
{
    /// <summary>The next nonce never handed out.</summary>
    [Id(0)]
    public long Next { get; set; }

    /// <summary>Nonces handed back, to reuse first.</summary>
    [Id(1)]
    public List<long> Released { get; set; } = [];

    /// <summary>When a nonce was last reserved.</summary>
    [Id(2)]
    public DateTimeOffset LastReservedAt { get; set; }
}
