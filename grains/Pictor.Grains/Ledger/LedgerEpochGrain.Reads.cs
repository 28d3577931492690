using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <content>The epoch's read side: its statement, its entries in pages, and receipt proofs.</content>
public sealed partial class LedgerEpochGrain
{
    Task<EpochStatement> ILedgerEpochGrain.GetStatementAsync()
    {
        var s = state.State;
        if (s.LedgerId.Length == 0)
        {
            throw new InvalidOperationException($"Epoch {this.GetPrimaryKeyString()} does not exist.");
        }

        return Task.FromResult(s.Statement
            ?? EpochReceipts.Build(s.LedgerId, s.Epoch, _entries, []).Statement(
                s.LedgerId, s.Epoch, s.OpenedAt, null, s.FirstSequence, _entries));
    }

    Task<IReadOnlyList<LedgerEntry>> ILedgerEpochGrain.ReadAsync(int offset, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var entries = _entries;
        int start = Math.Min(offset, entries.Count);
        int count = Math.Min(maxCount, entries.Count - start);
        return Task.FromResult<IReadOnlyList<LedgerEntry>>(entries.GetRange(start, count));
    }

    Task<ReceiptProof?> ILedgerEpochGrain.GetReceiptProofAsync(string tileId)
    {
        if (Receipts() is not { } receipts)
        {
            return Task.FromResult<ReceiptProof?>(null);
        }

        for (int i = 0; i < receipts.Receipts.Count; i++)
        {
            if (receipts.Receipts[i].TileId == tileId && receipts.Receipts[i].TileId.Length > 0)
            {
                return Task.FromResult<ReceiptProof?>(receipts.Proof(state.State.Epoch, i));
            }
        }

        return Task.FromResult<ReceiptProof?>(null);
    }

    Task<IReadOnlyList<ReceiptProof>> ILedgerEpochGrain.GetWorkerReceiptProofsAsync(string workerId)
    {
        var proofs = new List<ReceiptProof>();
        if (Receipts() is { } receipts)
        {
            for (int i = 0; i < receipts.Receipts.Count; i++)
            {
                if (receipts.Receipts[i].WorkerId == workerId)
                {
                    proofs.Add(receipts.Proof(state.State.Epoch, i));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ReceiptProof>>(proofs);
    }
}
