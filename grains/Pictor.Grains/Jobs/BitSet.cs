namespace Pictor.Grains.Jobs;

/// <summary>Bit operations on a byte array, used for the job's durable done-tile and stored-frame sets.</summary>
internal static class BitSet
{
    public static byte[] Create(int bits) => new byte[(bits + 7) / 8];

    public static bool Get(byte[] set, int index) => (set[index >> 3] & (1 << (index & 7))) != 0;

    public static void Set(byte[] set, int index) => set[index >> 3] |= (byte)(1 << (index & 7));

    public static void Clear(byte[] set, int index) => set[index >> 3] &= (byte)~(1 << (index & 7));
}
