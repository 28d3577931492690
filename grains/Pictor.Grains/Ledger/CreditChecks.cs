using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>What the ledger checks of each credit before anything of its batch is recorded.</summary>
internal static class CreditChecks
{
    /// <summary>Refuses a malformed credit: nothing of its batch is recorded.</summary>
    /// <param name="credit">The credit.</param>
    /// <exception cref="ArgumentException">It is malformed.</exception>
    public static void Validate(CreditRequest credit)
    {
        if (credit is null || string.IsNullOrWhiteSpace(credit.TileId) || string.IsNullOrWhiteSpace(credit.JobId)
            || string.IsNullOrWhiteSpace(credit.WorkerId))
        {
            throw new ArgumentException("A credit needs a tile id, a job id and a worker id; nothing was recorded.", nameof(credit));
        }

        if (!credit.TileId.StartsWith(credit.JobId + "/", StringComparison.Ordinal) || credit.TileId.Length == credit.JobId.Length + 1)
        {
            throw new ArgumentException(
                $"Tile id {credit.TileId} does not start with its job id {credit.JobId} and '/'; nothing was recorded.", nameof(credit));
        }

        if (credit.Amount < 0 || credit.PixelSamples < 0)
        {
            throw new ArgumentException($"Credit for tile {credit.TileId} has a negative amount; nothing was recorded.", nameof(credit));
        }

        if (credit.Amount > LedgerAmounts.Max)
        {
            throw new ArgumentException(
                $"Credit for tile {credit.TileId} is {LedgerAmounts.Format(credit.Amount)} credits, over the largest amount " +
                $"({LedgerAmounts.Format(LedgerAmounts.Max)}); nothing was recorded.", nameof(credit));
        }
    }
}
