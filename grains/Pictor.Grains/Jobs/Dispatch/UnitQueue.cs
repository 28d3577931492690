namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>
/// Renders waiting to be sent again (retries) or decided by verification (checks, tie-breaks, re-issues), in arrival
/// order.
/// </summary>
/// <param name="tilesPerFrame">Tiles per frame: a unit never crosses a frame.</param>
/// <param name="variantOf">The unit-grain variant a request would be sent as.</param>
internal sealed class UnitQueue(int tilesPerFrame, Func<TileRequest, UnitVariant> variantOf)
{
    private readonly LinkedList<TileRequest> _requests = new();

    /// <summary>Requests waiting.</summary>
    public int Count => _requests.Count;

    /// <summary>The oldest request, or null.</summary>
    public TileRequest? First => _requests.First?.Value;

    /// <summary>The oldest request that <paramref name="match"/> accepts, or null.</summary>
    /// <param name="match">The test.</param>
    /// <returns>The request.</returns>
    public TileRequest? FirstWhere(Func<TileRequest, bool> match)
    {
        for (var node = _requests.First; node is not null; node = node.Next)
        {
            if (match(node.Value))
            {
                return node.Value;
            }
        }

        return null;
    }

    /// <summary>Adds requests at the back.</summary>
    /// <param name="requests">The requests.</param>
    public void AddRange(IEnumerable<TileRequest> requests)
    {
        foreach (var request in requests)
        {
            _requests.AddLast(request);
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> requests that can share one unit with <paramref name="head"/>: same frame,
    /// kind, variant and excluded workers.
    /// </summary>
    /// <param name="head">The request that leads the unit (taken too).</param>
    /// <param name="max">Most requests to take.</param>
    /// <returns>The requests, in ordinal order, one per tile.</returns>
    public List<TileRequest> TakeLike(TileRequest head, int max)
    {
        int frame = head.Ordinal / tilesPerFrame;
        var variant = variantOf(head);
        var priors = PriorWorkers(head);
        var taken = new List<TileRequest>();
        var ordinals = new HashSet<int>();
        for (var node = _requests.First; node is not null && taken.Count < max;)
        {
            var next = node.Next;
            var r = node.Value;
            if (r.Ordinal / tilesPerFrame == frame && r.Kind == head.Kind && !ordinals.Contains(r.Ordinal)
                && variantOf(r) == variant && PriorWorkers(r).SequenceEqual(priors, StringComparer.Ordinal))
            {
                taken.Add(r);
                ordinals.Add(r.Ordinal);
                _requests.Remove(node);
            }

            node = next;
        }

        taken.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return taken;
    }

    private static IEnumerable<string> PriorWorkers(TileRequest request) =>
        request.Prior.Count == 0 ? [] : request.Prior.Select(p => p.WorkerId).Order(StringComparer.Ordinal);
}
