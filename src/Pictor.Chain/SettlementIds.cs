using System.Globalization;
using System.Text;

namespace Pictor.Chain;

/// <summary>Settlement ids derived from what they pay for, never drawn at random.</summary>
public static class SettlementIds
{
    /// <summary>The id of one ledger epoch's settlement: <c>keccak256("pictor-settlement:{ledgerId}:{epoch}")</c>.</summary>
    /// <param name="ledgerId">The ledger's stable id.</param>
    /// <param name="epoch">The epoch number.</param>
    /// <returns>The id; every attempt to settle that epoch, from any process, uses this same id.</returns>
    public static Bytes32 ForEpoch(string ledgerId, long epoch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ledgerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        return Bytes32.Keccak256(
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"pictor-settlement:{ledgerId}:{epoch}")));
    }
}
