using System.Text;
using Pictor.Chain.Token;

namespace Pictor.Chain.Tests;

[Trait("Suite", "fast")]
public sealed class Bytes32Tests
{
    [Fact]
    public void FromHex_SixtyFourDigits_RoundTripsThroughToString()
    {
        const string hex = "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

        Assert.Equal(hex, Bytes32.FromHex(hex).ToString());
        Assert.Equal(Bytes32.FromHex(hex), Bytes32.FromHex(hex[2..].ToUpperInvariant()));
    }

    [Theory]
    [InlineData("0x00")]
    [InlineData("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00")]
    public void FromHex_WrongLength_Throws(string hex) => Assert.Throws<FormatException>(() => Bytes32.FromHex(hex));

    [Fact]
    public void Keccak256_MinterRoleName_MatchesTheSolidityConstant()
    {
        // keccak256("MINTER_ROLE"), the value OpenZeppelin's docs and every MINTER_ROLE contract use.
        Assert.Equal(
            "0x9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6",
            Bytes32.Keccak256(Encoding.ASCII.GetBytes("MINTER_ROLE")).ToString());
        Assert.Equal(PictorTokenRoles.Minter, Bytes32.Keccak256(Encoding.ASCII.GetBytes("MINTER_ROLE")));
    }

    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Keccak256_KnownAnswers_AlsoWhenTheDigestIsReusedAndShared(string text, string expected)
    {
        // The digest is reused per thread: hash other inputs first (one longer than the 136-byte rate), then in parallel.
        Bytes32.Keccak256(new byte[200]);
        Bytes32.Keccak256(Encoding.ASCII.GetBytes("MINTER_ROLE"));
        Assert.Equal(expected, Bytes32.Keccak256(Encoding.ASCII.GetBytes(text)).ToString());
        var hashes = new string[64];
        Parallel.For(0, hashes.Length, i => hashes[i] = Bytes32.Keccak256(Encoding.ASCII.GetBytes(text)).ToString());
        Assert.All(hashes, h => Assert.Equal(expected, h));
    }

    [Fact]
    public void Default_Always_IsZeroAndEqualsZero()
    {
        Assert.True(default(Bytes32).IsZero);
        Assert.Equal(Bytes32.Zero, Bytes32.FromBytes(new byte[32]));
        Assert.Equal(new byte[32], default(Bytes32).ToArray());
    }
}
