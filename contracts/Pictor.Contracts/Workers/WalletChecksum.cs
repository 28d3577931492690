using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;

namespace Pictor.Contracts.Workers;

/// <summary>Checks owner wallets in their EIP-55 checksummed spelling, without a dependency on a chain library.</summary>
/// <remarks>
/// EIP-55 upper-cases each hex letter of an address whose nibble in Keccak-256(lower-case hex) is 8 or more, so a
/// typo in a mixed-case address is caught. Silos refuse a wallet that is not spelled this way in cluster mode:
/// credits minted to a mistyped address are lost. Pictor.Chain's <c>WalletAddress</c> agrees with this check
/// (the tests compare them).
/// </remarks>
public static class WalletChecksum
{
    private const int Rate = 136;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    private static readonly int[] Rotations = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

    private static readonly int[] Lanes = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    /// <summary>Whether <paramref name="text"/> is <c>0x</c> and 40 hex digits spelled exactly in EIP-55 case.</summary>
    /// <param name="text">The address text.</param>
    /// <returns>False for any other shape, for single-case spellings that differ from the checksum, and for wrong case.</returns>
    public static bool IsChecksummed([NotNullWhen(true)] string? text) =>
        TryChecksum(text, out string? checksummed) && string.Equals(checksummed, text, StringComparison.Ordinal);

    /// <summary>Spells an address in EIP-55 case.</summary>
    /// <param name="text">The address text in any case.</param>
    /// <param name="checksummed">The EIP-55 spelling when the text has the shape of an address.</param>
    /// <returns>False when the text is not <c>0x</c> and 40 hex digits.</returns>
    public static bool TryChecksum(string? text, [NotNullWhen(true)] out string? checksummed)
    {
        checksummed = null;
        if (text is not { Length: 42 } || !text.StartsWith("0x", StringComparison.Ordinal) || text.AsSpan(2).ContainsAnyExcept(HexDigits))
        {
            return false;
        }

        string lower = text[2..].ToLowerInvariant();
        byte[] hash = Keccak256(Encoding.ASCII.GetBytes(lower));
        var result = new StringBuilder("0x", 42);
        for (int i = 0; i < lower.Length; i++)
        {
            int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }

        checksummed = result.ToString();
        return true;
    }

    /// <summary>Keccak-256 as Ethereum uses it (original padding, not SHA3-256).</summary>
    /// <param name="data">The message.</param>
    /// <returns>The 32-byte digest.</returns>
    internal static byte[] Keccak256(ReadOnlySpan<byte> data)
    {
        Span<ulong> state = stackalloc ulong[25];
        Span<byte> block = stackalloc byte[Rate];
        while (data.Length >= Rate)
        {
            Absorb(state, data[..Rate]);
            data = data[Rate..];
        }

        block.Clear();
        data.CopyTo(block);
        block[data.Length] ^= 0x01;
        block[Rate - 1] ^= 0x80;
        Absorb(state, block);
        var digest = new byte[32];
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(digest.AsSpan(i * 8), state[i]);
        }

        return digest;
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (int i = 0; i < Rate / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }

        Permute(state);
    }

    private static void Permute(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (int round = 0; round < 24; round++)
        {
            for (int x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (int x = 0; x < 5; x++)
            {
                ulong d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            ulong carried = a[1];
            for (int i = 0; i < 24; i++)
            {
                int lane = Lanes[i];
                ulong next = a[lane];
                a[lane] = BitOperations.RotateLeft(carried, Rotations[i]);
                carried = next;
            }

            for (int y = 0; y < 25; y += 5)
            {
                for (int x = 0; x < 5; x++)
                {
                    c[x] = a[y + x];
                }

                for (int x = 0; x < 5; x++)
                {
                    a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
                }
            }

            a[0] ^= RoundConstants[round];
        }
    }
}
