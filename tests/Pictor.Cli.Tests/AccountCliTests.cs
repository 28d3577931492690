using System.Text.Json;

namespace Pictor.Cli.Tests;

/// <summary><c>pictor account</c>: the operator grants a creator credits, a render charges them, the ledger shows it.</summary>
[Collection(nameof(CliTests))]
public sealed class AccountCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pictor-cli-account-{Guid.NewGuid():N}");

    private string Data => Path.Combine(_root, "data");

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Grant_IsAppliedOncePerId_ARenderOverTheBalanceIsRefused_AndAFundedOneIsCharged()
    {
        var grant = await CliRun.RunAsync("account", "grant", "alice", "1,000", "--id", "first", "--data", Data);
        Assert.True(grant.ExitCode == 0, grant.Output + grant.Error);
        Assert.Equal("grant first: granted 1,000 credits to alice", grant.Line("grant first: "));
        const string Granted = "account alice: granted 1,000, drawn 0, reserved 0, available 1,000; 0 running job(s), 1 grant(s)";
        Assert.Equal(Granted, grant.Line("account alice: "));

        // A repeated command with the same id grants nothing.
        var again = await CliRun.RunAsync("account", "grant", "alice", "1000", "--id", "first", "--data", Data);
        Assert.Equal("grant first: already applied to alice; nothing granted", again.Line("grant first: "));
        Assert.Equal(Granted, again.Line("account alice: "));
        var zero = await CliRun.RunAsync("account", "grant", "alice", "0", "--data", Data);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("error: amount '0' is not a whole number of credits", zero.Error, StringComparison.Ordinal);

        // 64x64 at 4 spp costs 16,384 credits, 32,768 reserved while verification may pay a check per tile.
        string[] render =
        [
            "render", "builtin:cornell-spheres", "--account", "alice", "--width", "64", "--height", "64", "--spp", "4", "--tile", "16",
            "--out", Path.Combine(_root, "frame.png"), "--data", Data, "--devices", "cpu:2", "--silo-port", "0", "--gateway-port", "0",
        ];
        var refused = await CliRun.RunAsync(render);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused before any work: account alice has 1,000 credits available", refused.Error, StringComparison.Ordinal);
        Assert.Contains("needs 32,768 reserved; nothing was reserved", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("job: ", refused.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRun.RunAsync("account", "grant", "alice", "40000", "--id", "second", "--data", Data)).ExitCode);
        var funded = await CliRun.RunAsync(render);
        Assert.True(funded.ExitCode == 0, funded.Output + funded.Error);
        Assert.StartsWith("account alice: granted 41,000, drawn ", funded.Line("account alice: "), StringComparison.Ordinal);

        var show = await CliRun.RunAsync("account", "show", "alice", "--json", "--data", Data);
        using var account = JsonDocument.Parse(show.Output);
        var a = account.RootElement;
        long drawn = a.GetProperty("drawn").GetInt64();
        // The embedded grid's own devices are anchors: their renders are final without a check, so the job draws exactly
        // its tiles' price, one credit per pixel-sample.
        Assert.Equal(16_384, drawn);
        Assert.Equal(
            ("account", "alice", 41_000L, 0L, 41_000 - drawn, 0),
            (a.GetProperty("type").GetString(), a.GetProperty("account").GetString(), a.GetProperty("granted").GetInt64(),
                a.GetProperty("reserved").GetInt64(), a.GetProperty("available").GetInt64(), a.GetProperty("openJobs").GetInt32()));

        // The ledger lists the account and what the open epoch drew from it; every credit names the account it drew on.
        var ledger = await CliRun.RunAsync("ledger", "--json", "--data", Data);
        var lines = ledger.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.All(lines.Where(l => l.GetProperty("type").GetString() == "credit"),
            c => Assert.Equal("alice", c.GetProperty("account").GetString()));
        var epoch = Assert.Single(lines, l => l.GetProperty("type").GetString() == "epoch");
        Assert.Equal(drawn, epoch.GetProperty("drawn").GetInt64());
        var draw = Assert.Single(epoch.GetProperty("draws").EnumerateArray());
        Assert.Equal(("alice", drawn), (draw.GetProperty("account").GetString(), draw.GetProperty("credits").GetInt64()));
        Assert.Single(lines, l => l.GetProperty("type").GetString() == "account" && l.GetProperty("account").GetString() == "alice");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
