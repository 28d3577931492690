using System.Globalization;
using System.Numerics;

namespace Pictor.Cli.Commands;

/// <summary>Token amounts in base units (18 decimals).</summary>
internal static class TokenAmounts
{
    private static readonly BigInteger One = BigInteger.Pow(10, 18);

    /// <summary>Base units as whole tokens, e.g. <c>0.012288</c>.</summary>
    public static string Tokens(BigInteger baseUnits)
    {
        var whole = BigInteger.DivRem(BigInteger.Abs(baseUnits), One, out var fraction);
        string digits = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        string sign = baseUnits.Sign < 0 ? "-" : string.Empty;
        return digits.Length == 0 ? $"{sign}{whole}" : $"{sign}{whole}.{digits}";
    }

    public static BigInteger Parse(string value) =>
        value.Length == 0 ? BigInteger.Zero : BigInteger.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>What a settlement mints to <paramref name="wallet"/>, or 0 when it is not confirmed or pays the wallet nothing.</summary>
    public static BigInteger MintedTo(EpochView epoch, string wallet)
    {
        if (!epoch.Minted)
        {
            return BigInteger.Zero;
        }

        int line = epoch.Settlement.Recipients.ToList().FindIndex(r => string.Equals(r, wallet, StringComparison.Ordinal));
        return line < 0 ? BigInteger.Zero : Parse(epoch.Settlement.Amounts[line]);
    }

    /// <summary>What a confirmed settlement mints for <paramref name="credits"/>, at the rate it was planned with.</summary>
    public static BigInteger MintedFor(EpochView epoch, long credits) =>
        epoch.Minted ? Parse(epoch.Settlement.BaseUnitsPerCredit) * credits : BigInteger.Zero;
}
