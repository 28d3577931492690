using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pictor.Chain;

namespace Pictor.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class ChainCliCollection : ICollectionFixture<AnvilFixture>
{
    public const string Name = "cli chain";
}

[Collection(ChainCliCollection.Name)]
public sealed partial class ChainCliTests(AnvilFixture anvil) : IDisposable
{
    private const string Wallet = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pictor-cli-chain-{Guid.NewGuid():N}");

    [Fact]
    [Trait("Suite", "integration")]
    public async Task DemoWithWalletAndChain_SettlesTheEpoch_AndEarningsMintedEqualsBalanceOf()
    {
        var deploy = await CliRun.RunAsync("chain", "deploy", "--rpc", anvil.RpcUrl, "--key", AnvilFixture.DeployerKey);
        Assert.True(deploy.ExitCode == 0, deploy.Output + deploy.Error);
        string token = TokenLine().Match(deploy.Line("token: ")).Groups[1].Value;
        string data = Path.Combine(_root, "data");

        var demo = await CliRun.RunAsync(
            "demo", "--wallet", Wallet, "--rpc", anvil.RpcUrl, "--key", AnvilFixture.DeployerKey, "--token", token,
            "--out", Path.Combine(_root, "out"), "--data", data, "--workers", "2", "--width", "64", "--height", "48", "--spp", "4",
            "--tile", "16",
            "--dashboard-port", "0", "--silo-port", "0", "--gateway-port", "0");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        // 12 tiles of 1,024 pixel-samples, plus the verification renders (all of a new worker's tiles are checked).
        var ledgerLine = LedgerLine().Match(demo.Line("ledger: "));
        Assert.True(ledgerLine.Success, demo.Line("ledger: "));
        long receipts = long.Parse(ledgerLine.Groups[1].Value, CultureInfo.InvariantCulture);
        long credits = long.Parse(
            ledgerLine.Groups[2].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(receipts >= 12 && credits == receipts * 1024, demo.Line("ledger: "));
        Assert.StartsWith(
            $"epoch 1 closed: {receipts} receipts, {credits:N0} credits, receipts root 0x", demo.Line("epoch 1 closed: "),
            StringComparison.Ordinal);
        Assert.Matches(SettledLine(), demo.Line("settled epoch 1: "));
        Assert.Contains($"minted {credits}000000000000 base units", demo.Line("settled epoch 1: "), StringComparison.Ordinal);

        BigInteger onChain = await PictorTokenService.BalanceOfAsync(anvil.RpcUrl, WalletAddress.Parse(token), WalletAddress.Parse(Wallet));
        Assert.Equal(credits * BigInteger.Pow(10, 12), onChain);

        var earnings = await CliRun.RunAsync("earnings", Wallet, "--json", "--data", data);
        Assert.True(earnings.ExitCode == 0, earnings.Output + earnings.Error);
        using var json = JsonDocument.Parse(earnings.Output);
        var root = json.RootElement;
        Assert.Equal(onChain, BigInteger.Parse(root.GetProperty("minted").GetRawText()));
        Assert.Equal((receipts, credits), (root.GetProperty("tiles").GetInt64(), root.GetProperty("credits").GetInt64()));
        var epoch = Assert.Single(root.GetProperty("epochs").EnumerateArray());
        Assert.Equal("confirmed", epoch.GetProperty("status").GetString());
        Assert.Matches(HashPattern(), epoch.GetProperty("txHash").GetString()!);
        var workers = epoch.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal(2, workers.Count);
        Assert.Equal(onChain, workers.Aggregate(BigInteger.Zero, (sum, w) => sum + BigInteger.Parse(w.GetProperty("minted").GetRawText())));

        var balance = await CliRun.RunAsync("chain", "balance", Wallet, "--rpc", anvil.RpcUrl, "--token", token);
        Assert.Equal($"balance: {onChain}", balance.Line("balance: "));

        var ledger = await CliRun.RunAsync("ledger", "--json", "--data", data);
        Assert.True(ledger.ExitCode == 0, ledger.Output + ledger.Error);
        var lines = ledger.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        var creditLines = lines.Where(l => l.GetProperty("type").GetString() == "credit").ToList();
        Assert.True(creditLines.Count >= receipts, ledger.Output);
        Assert.All(creditLines, c =>
        {
            Assert.Equal(Wallet, c.GetProperty("wallet").GetString());
            Assert.Equal(1024, c.GetProperty("amount").GetInt64());
            Assert.StartsWith(c.GetProperty("jobId").GetString() + "/", c.GetProperty("tileId").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("workerId").GetString()));
        });
        var epochs = lines.Where(l => l.GetProperty("type").GetString() == "epoch").ToList();
        Assert.Equal(["confirmed", "open"], epochs.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(epoch.GetProperty("txHash").GetString(), epochs[0].GetProperty("txHash").GetString());
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("error: 'not-a-wallet' is not a wallet address", "earnings", "not-a-wallet")]
    [InlineData("error: --wallet '0x12' is not a wallet address", "demo", "--wallet", "0x12")]
    [InlineData("missing --key, --token", "demo", "--rpc", "http://127.0.0.1:1")]
    [InlineData("error: deploying needs --rpc and --key", "chain", "deploy", "--rpc", "http://127.0.0.1:1")]
    public async Task BadChainInput_ExitsWithTwoAndAClearMessage(string expected, params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [GeneratedRegex(@"^token: (0x[0-9a-fA-F]{40})$")]
    private static partial Regex TokenLine();

    [GeneratedRegex(@"^ledger: (\d+) credits, ([\d,]+) in total$")]
    private static partial Regex LedgerLine();

    [GeneratedRegex(
        @"^settled epoch 1: minted \d+ base units to 1 wallet\(s\) in 0x[0-9a-f]{64} \(block \d+\), settlement 0x[0-9a-f]{64}$")]
    private static partial Regex SettledLine();

    [GeneratedRegex(@"^0x[0-9a-f]{64}$")]
    private static partial Regex HashPattern();
}
