namespace Pictor.Grains.Verification;

/// <summary>The operator's trust anchors as the core's configuration names them (<see cref="VerificationOptions.Anchors"/>).</summary>
/// <remarks>
/// An entry is a worker id (<c>box-7/cuda-0</c>) or a worker host with every slot of it (<c>box-7/*</c>); ids compare
/// ordinally, as worker ids do everywhere. Nothing a worker silo sends decides whether it is an anchor.
/// </remarks>
public sealed class AnchorList
{
    private readonly HashSet<string> _workers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);

    /// <summary>Reads the configured entries.</summary>
    /// <param name="entries">Worker ids and <c>host/*</c> patterns; blank entries are skipped.</param>
    public AnchorList(IEnumerable<string>? entries)
    {
        foreach (string raw in entries ?? [])
        {
            string entry = raw?.Trim() ?? string.Empty;
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.EndsWith("/*", StringComparison.Ordinal))
            {
                _hosts.Add(entry[..^2]);
            }
            else
            {
                _workers.Add(entry);
            }
        }
    }

    /// <summary>Whether the list names no anchor.</summary>
    public bool IsEmpty => _workers.Count == 0 && _hosts.Count == 0;

    /// <summary>Whether the operator named <paramref name="workerId"/> an anchor.</summary>
    /// <param name="workerId">A worker id, <c>{host}/{device}</c>.</param>
    /// <returns>True when it is named, or its host is.</returns>
    public bool Contains(string workerId)
    {
        if (string.IsNullOrEmpty(workerId))
        {
            return false;
        }

        if (_workers.Contains(workerId))
        {
            return true;
        }

        int slash = workerId.LastIndexOf('/');
        return slash > 0 && _hosts.Contains(workerId[..slash]);
    }
}
