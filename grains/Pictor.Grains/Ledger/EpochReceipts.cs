using Pictor.Chain;
using Pictor.Chain.Receipts;
using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>The work receipts of one epoch in canonical order, their encodings and Merkle tree.</summary>
/// <remarks>
/// Receipts are the epoch's payable entries in journal order (credits recorded payable, then confirmations of
/// pending ones, as they interleave), followed by its carry lines in worker order. Pending and rejected entries
/// pay nothing and are not receipts.
/// </remarks>
public sealed class EpochReceipts
{
    private List<byte[]>? _encoded;
    private ReceiptMerkleTree? _tree;

    private EpochReceipts(IReadOnlyList<WorkReceipt> receipts) => Receipts = receipts;

    /// <summary>The receipts.</summary>
    public IReadOnlyList<WorkReceipt> Receipts { get; }

    /// <summary>Their canonical encodings, index for index (computed on first use: an open epoch's preview needs none).</summary>
    public IReadOnlyList<byte[]> Encoded => _encoded ??= Receipts.Select(WorkReceiptCodec.Encode).ToList();

    /// <summary>The Merkle tree over <see cref="Encoded"/>.</summary>
    public ReceiptMerkleTree Tree => _tree ??= new ReceiptMerkleTree(Encoded);

    /// <summary>Builds the receipts of an epoch.</summary>
    /// <param name="ledgerId">The ledger's stable id.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="entries">Its entries, in sequence order.</param>
    /// <param name="carries">Its carry lines.</param>
    /// <returns>The receipts.</returns>
    public static EpochReceipts Build(string ledgerId, long epoch, IEnumerable<LedgerEntry> entries, IEnumerable<CarryLine> carries)
    {
        var receipts = new List<WorkReceipt>();
        foreach (var entry in entries)
        {
            var kind = entry.Kind switch
            {
                LedgerEntryKind.Credit => WorkReceiptKind.Credit,
                LedgerEntryKind.Confirmed => WorkReceiptKind.Confirmed,
                _ => (WorkReceiptKind?)null,
            };
            if (kind is { } paid)
            {
                var c = entry.Credit;
                receipts.Add(
                    new WorkReceipt(
                        ledgerId, epoch, entry.Sequence, paid, c.JobId, c.TileId, c.WorkerId, Payee(c.Wallet), c.PixelSamples, c.Amount));
            }
        }

        foreach (var carry in carries.OrderBy(c => c.WorkerId, StringComparer.Ordinal))
        {
            receipts.Add(
                new WorkReceipt(
                    ledgerId, epoch, 0, WorkReceiptKind.Carry, string.Empty, string.Empty, carry.WorkerId, carry.Wallet, 0, carry.Credits));
        }

        return new EpochReceipts(receipts);
    }

    /// <summary>The wallet a credit is minted to: its EIP-55 form, or empty when it is not a valid address.</summary>
    /// <param name="wallet">The wallet as credited.</param>
    /// <returns>The payee; empty means the credit accrues to the worker until it has a wallet.</returns>
    public static string Payee(string? wallet) =>
        WalletAddress.TryParse(wallet, out var address) && !address.IsZero ? address.Value : string.Empty;

    /// <summary>The proof of receipt <paramref name="index"/> in wire form.</summary>
    /// <param name="epoch">The epoch.</param>
    /// <param name="index">The receipt's position.</param>
    /// <returns>The proof.</returns>
    public ReceiptProof Proof(long epoch, int index)
    {
        var proof = Tree.Prove(index);
        var r = Receipts[index];
        var fields = new WorkReceiptInfo(
            r.LedgerId, r.Epoch, r.Sequence, (ReceiptKind)(int)r.Kind, r.JobId, r.TileId, r.WorkerId, r.Wallet, r.PixelSamples, r.Credits);
        return new ReceiptProof(
            epoch, Tree.Root.ToString(), proof.LeafIndex, proof.LeafCount, Encoded[index],
            proof.Siblings.Select(s => s.ToString()).ToList(), fields);
    }

    /// <summary>Builds the statement of an epoch from its receipts and entries.</summary>
    /// <param name="ledgerId">The ledger's stable id.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="openedAt">When it opened.</param>
    /// <param name="closedAt">When it closed; null for a preview of the open epoch.</param>
    /// <param name="firstSequence">Sequence of its first entry.</param>
    /// <param name="entries">Its entries.</param>
    /// <returns>The statement.</returns>
    public EpochStatement Statement(
        string ledgerId, long epoch, DateTimeOffset openedAt, DateTimeOffset? closedAt, long firstSequence,
        IReadOnlyList<LedgerEntry> entries)
    {
        var resolvedHere = entries.Where(e => e.Kind is LedgerEntryKind.Confirmed or LedgerEntryKind.Rejected)
            .Select(e => e.Credit.TileId).ToHashSet(StringComparer.Ordinal);
        long pending = entries.Where(e => e.Kind == LedgerEntryKind.Pending && !resolvedHere.Contains(e.Credit.TileId))
            .Sum(e => e.Credit.Amount);
        long rejected = entries.Where(e => e.Kind == LedgerEntryKind.Rejected).Sum(e => e.Credit.Amount);
        var workers = Receipts
            .GroupBy(r => (r.WorkerId, r.Wallet))
            .OrderBy(g => g.Key.WorkerId, StringComparer.Ordinal).ThenBy(g => g.Key.Wallet, StringComparer.Ordinal)
            .Select(g => new EpochWorkerLine(
                g.Key.WorkerId,
                g.Key.Wallet,
                g.LongCount(r => r.Kind != WorkReceiptKind.Carry),
                g.Sum(r => r.PixelSamples),
                g.Sum(r => r.Credits),
                g.Where(r => r.Kind == WorkReceiptKind.Carry).Sum(r => r.Credits)))
            .ToList();
        var payouts = workers.Where(w => w.Wallet.Length > 0)
            .GroupBy(w => w.Wallet, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EpochPayout(g.Key, g.Sum(w => w.Credits)))
            .ToList();
        var unassigned = workers.Where(w => w.Wallet.Length == 0).ToList();
        var draws = entries.Where(e => e.Kind is LedgerEntryKind.Credit or LedgerEntryKind.Confirmed)
            .GroupBy(e => e.Credit.Account ?? string.Empty, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EpochDrawLine(g.Key, g.Sum(e => e.Credit.Amount)))
            .ToList();
        return new EpochStatement(
            ledgerId,
            epoch,
            closedAt is not null,
            openedAt,
            closedAt,
            firstSequence,
            entries.Count,
            Receipts.Sum(r => r.Credits),
            pending,
            rejected,
            Receipts.Count,
            closedAt is null ? string.Empty : Tree.Root.ToString(),
            SettlementIds.ForEpoch(ledgerId, epoch).ToString(),
            workers,
            payouts,
            unassigned,
            draws.Where(d => d.Account.Length > 0).Sum(d => d.Credits),
            draws);
    }
}
