namespace Pictor.Chain.Tests;

[Trait("Suite", "fast")]
public sealed class WalletAddressTests
{
    // The first test vector of EIP-55.
    private const string Checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    [Fact]
    public void TryParse_ChecksummedAddress_AcceptsAndKeepsIt()
    {
        Assert.True(WalletAddress.TryParse(Checksummed, out var address));
        Assert.Equal(Checksummed, address.Value);
        Assert.True(WalletAddress.IsValidChecksum(Checksummed));
    }

    [Fact]
    public void TryParse_WrongCaseAddress_Rejects()
    {
        // One letter's case flipped ('a' → 'A' in the second position) breaks the checksum.
        const string wrongCase = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

        Assert.False(WalletAddress.TryParse(wrongCase, out _));
        Assert.False(WalletAddress.IsValidChecksum(wrongCase));
        Assert.Throws<FormatException>(() => WalletAddress.Parse(wrongCase));
    }

    [Fact]
    public void TryParse_LowerCaseAddress_AcceptsWithoutCountingAsChecksummed()
    {
        var lower = Checksummed.ToLowerInvariant();

        Assert.True(WalletAddress.TryParse(lower, out var address));
        Assert.Equal(Checksummed, address.Value);
        Assert.False(WalletAddress.IsValidChecksum(lower));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg")]
    public void TryParse_MalformedText_Rejects(string? text)
    {
        Assert.False(WalletAddress.TryParse(text, out _));
        Assert.False(WalletAddress.IsValidChecksum(text));
    }

    [Fact]
    public void Default_Always_IsTheZeroAddress()
    {
        WalletAddress address = default;

        Assert.True(address.IsZero);
        Assert.Equal("0x0000000000000000000000000000000000000000", address.Value);
    }
}
