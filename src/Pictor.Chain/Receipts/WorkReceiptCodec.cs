using System.Buffers;
using MessagePack;

namespace Pictor.Chain.Receipts;

/// <summary>The canonical MessagePack encoding of a <see cref="WorkReceipt"/>: the bytes a Merkle leaf hashes.</summary>
/// <remarks>
/// <para>
/// A receipt is a MessagePack array of 11 elements, in this order: version (1), ledger id, epoch,
/// sequence, kind, job id, tile id, worker id, wallet, pixel-samples, credits. Strings are UTF-8
/// <c>str</c>; integers use the shortest MessagePack form, as MessagePack 2.5's writer always does. The
/// writer is driven field by field rather than through a resolver, so the bytes depend on nothing but
/// the values: any MessagePack implementation that writes the same array the shortest way gets them.
/// </para>
/// <para>
/// <see cref="Decode"/> accepts exactly that form: it re-encodes what it read and refuses bytes that
/// differ, so one receipt has one encoding and one leaf.
/// </para>
/// </remarks>
public static class WorkReceiptCodec
{
    private const int FieldCount = 11;

    /// <summary>Encodes a receipt canonically.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Encode(WorkReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var buffer = new ArrayBufferWriter<byte>(128);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(FieldCount);
        writer.Write(WorkReceipt.EncodingVersion);
        writer.Write(receipt.LedgerId);
        writer.Write(receipt.Epoch);
        writer.Write(receipt.Sequence);
        writer.Write((int)receipt.Kind);
        writer.Write(receipt.JobId);
        writer.Write(receipt.TileId);
        writer.Write(receipt.WorkerId);
        writer.Write(receipt.Wallet);
        writer.Write(receipt.PixelSamples);
        writer.Write(receipt.Credits);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a receipt, refusing any encoding but the canonical one.</summary>
    /// <param name="encoded">The bytes.</param>
    /// <returns>The receipt.</returns>
    /// <exception cref="FormatException">The bytes are not a canonically encoded version-1 receipt.</exception>
    public static WorkReceipt Decode(ReadOnlyMemory<byte> encoded)
    {
        WorkReceipt receipt;
        try
        {
            var reader = new MessagePackReader(encoded);
            if (reader.ReadArrayHeader() != FieldCount)
            {
                throw new FormatException($"A work receipt is an array of {FieldCount} elements.");
            }

            int version = reader.ReadInt32();
            if (version != WorkReceipt.EncodingVersion)
            {
                throw new FormatException($"Unknown work receipt version {version}.");
            }

            receipt = new WorkReceipt(
                ReadString(ref reader), reader.ReadInt64(), reader.ReadInt64(), (WorkReceiptKind)reader.ReadInt32(),
                ReadString(ref reader), ReadString(ref reader), ReadString(ref reader), ReadString(ref reader),
                reader.ReadInt64(), reader.ReadInt64());
            if (!reader.End)
            {
                throw new FormatException("Bytes follow the work receipt.");
            }
        }
        catch (MessagePackSerializationException ex)
        {
            throw new FormatException("Not a MessagePack work receipt.", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new FormatException("The work receipt is truncated.", ex);
        }

        if (!encoded.Span.SequenceEqual(Encode(receipt)))
        {
            throw new FormatException("The work receipt is not in canonical form.");
        }

        return receipt;
    }

    private static string ReadString(ref MessagePackReader reader) =>
        reader.ReadString() ?? throw new FormatException("A work receipt string is nil.");
}
