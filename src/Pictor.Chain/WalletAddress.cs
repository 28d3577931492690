using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Nethereum.Util;

namespace Pictor.Chain;

/// <summary>A 20-byte account address, held in its EIP-55 checksummed form.</summary>
/// <remarks>
/// EIP-55 hides a checksum in the case of the hex letters, so a typo in a mixed-case address is
/// caught before tokens are minted to an account nobody controls. All-lower-case and all-upper-case
/// addresses carry no checksum; <see cref="TryParse"/> accepts them (many tools print them that way)
/// while <see cref="IsValidChecksum"/> does not. <c>default(WalletAddress)</c> is the zero address.
/// </remarks>
public readonly struct WalletAddress : IEquatable<WalletAddress>
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string? _checksummed;

    private WalletAddress(string checksummed) => _checksummed = checksummed;

    /// <summary>The address in EIP-55 form, <c>0x</c> followed by 40 hex digits.</summary>
    public string Value => _checksummed ?? ZeroAddress;

    /// <summary>Whether this is the zero address.</summary>
    public bool IsZero => Value == ZeroAddress;

    /// <summary>Parses an address that is checksummed, or single-case (which carries no checksum).</summary>
    /// <param name="text">Text such as <c>0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed</c>.</param>
    /// <param name="address">The address in EIP-55 form when the text is valid.</param>
    /// <returns>False for anything but <c>0x</c> and 40 hex digits, and for mixed case whose checksum fails.</returns>
    public static bool TryParse(string? text, out WalletAddress address)
    {
        address = default;
        if (!HasAddressShape(text))
        {
            return false;
        }

        var digits = text.AsSpan(2);
        var singleCase = !digits.ContainsAnyInRange('a', 'f') || !digits.ContainsAnyInRange('A', 'F');
        if (!singleCase && !AddressUtil.Current.IsChecksumAddress(text))
        {
            return false;
        }

        address = new WalletAddress(AddressUtil.Current.ConvertToChecksumAddress(text));
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>, throwing on invalid text.</summary>
    /// <param name="text">The address text.</param>
    /// <returns>The address in EIP-55 form.</returns>
    /// <exception cref="FormatException">The text is not a valid address.</exception>
    public static WalletAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not an address, or its EIP-55 checksum (letter case) is wrong.");

    /// <summary>Whether <paramref name="text"/> is exactly the EIP-55 checksummed form of an address.</summary>
    /// <param name="text">The address text.</param>
    /// <returns>True only for the checksummed spelling; single-case spellings return false.</returns>
    public static bool IsValidChecksum(string? text) =>
        HasAddressShape(text) && string.Equals(AddressUtil.Current.ConvertToChecksumAddress(text), text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(WalletAddress other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WalletAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Value equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether both name the same account.</returns>
    public static bool operator ==(WalletAddress left, WalletAddress right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether they name different accounts.</returns>
    public static bool operator !=(WalletAddress left, WalletAddress right) => !left.Equals(right);

    // Nethereum's checksum helpers index 40 characters without checking, so the shape is checked first.
    private static bool HasAddressShape([NotNullWhen(true)] string? text) =>
        text is { Length: 42 } && text.StartsWith("0x", StringComparison.Ordinal) && !text.AsSpan(2).ContainsAnyExcept(HexDigits);
}
