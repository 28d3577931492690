using Org.BouncyCastle.Crypto.Digests;

namespace Pictor.Chain;

/// <summary>An immutable 32-byte value: a settlement id or a receipts root, as Solidity's <c>bytes32</c>.</summary>
/// <remarks><c>default(Bytes32)</c> is the zero value, which the token contract refuses as a settlement id.</remarks>
public readonly struct Bytes32 : IEquatable<Bytes32>
{
    /// <summary>Number of bytes.</summary>
    public const int Length = 32;

    [ThreadStatic]
    private static KeccakDigest? _keccak;

    private readonly byte[]? _bytes;

    private Bytes32(byte[] bytes) => _bytes = bytes;

    /// <summary>The all-zero value.</summary>
    public static Bytes32 Zero => default;

    /// <summary>Whether every byte is zero.</summary>
    public bool IsZero => _bytes is null || Array.TrueForAll(_bytes, b => b == 0);

    /// <summary>Copies exactly 32 bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public static Bytes32 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"Expected {Length} bytes, got {bytes.Length}.", nameof(bytes));
        }

        return new Bytes32(bytes.ToArray());
    }

    /// <summary>Parses 64 hex digits, with or without a <c>0x</c> prefix.</summary>
    /// <param name="hex">The hex text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The text is not 32 bytes of hex.</exception>
    public static Bytes32 FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        if (digits.Length != Length * 2)
        {
            throw new FormatException($"Expected {Length * 2} hex digits, got {digits.Length}.");
        }

        return new Bytes32(Convert.FromHexString(digits));
    }

    /// <summary>Keccak-256 of <paramref name="data"/>, the hash Solidity's <c>keccak256</c> computes.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The hash.</returns>
    public static Bytes32 Keccak256(ReadOnlySpan<byte> data)
    {
        // One digest per thread, reused: a receipts tree hashes two values per receipt, and a fresh digest (and a copy
        // of the input) per hash was most of an epoch close. DoFinal resets the digest for the next use.
        var digest = _keccak ??= new KeccakDigest(256);
        digest.BlockUpdate(data);
        var hash = new byte[Length];
        digest.DoFinal(hash);
        return new(hash);
    }

    /// <summary>A fresh copy of the 32 bytes.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => _bytes is null ? new byte[Length] : (byte[])_bytes.Clone();

    /// <summary>Lower-case hex with a <c>0x</c> prefix.</summary>
    /// <returns>The hex text.</returns>
    public override string ToString() => "0x" + Convert.ToHexStringLower(_bytes ?? new byte[Length]);

    /// <inheritdoc />
    public bool Equals(Bytes32 other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Bytes32 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(AsSpan());
        return hash.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether the bytes are equal.</returns>
    public static bool operator ==(Bytes32 left, Bytes32 right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether the bytes differ.</returns>
    public static bool operator !=(Bytes32 left, Bytes32 right) => !left.Equals(right);

    private ReadOnlySpan<byte> AsSpan() => _bytes ?? new byte[Length];
}
