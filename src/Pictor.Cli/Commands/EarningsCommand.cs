using System.CommandLine;
using System.Numerics;
using Pictor.Chain;
using Pictor.Contracts.Ledger;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor earnings WALLET</c>: what a wallet earned, per epoch and per worker, and what was minted to it.</summary>
internal static class EarningsCommand
{
    public static Command Create(CliConsole console)
    {
        var wallet = new Argument<string>("wallet") { Description = "The wallet address (0x followed by 40 hex digits)." };
        var json = new Option<bool>("--json")
        {
            Description = "One JSON object; minted amounts are integers in token base units (18 decimals).",
        };
        var data = CliOptions.DataDirectory();
        var verbose = CliOptions.Verbose();
        var cluster = new ClusterFlags();
        var command = new Command("earnings", "Show a wallet's tiles, credits and minted $PICTOR per epoch and per worker, with " +
            "transaction hashes.")
        {
            wallet, json, data, verbose,
        };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string text = parse.GetValue(wallet)!;
            if (!WalletAddress.TryParse(text, out var address) || address.IsZero)
            {
                await console.Error.WriteLineAsync($"error: '{text}' is not a wallet address (0x and 40 hex digits, with a valid EIP-55 " +
                    $"checksum if mixed case)");
                return ExitCodes.BadInput;
            }

            var configuration = CliConfiguration.Load();
            await using var grid = await LedgerSession.OpenAsync(
                parse.GetValue(data), parse.GetValue(verbose), configuration, cancellationToken, cluster.Resolve(parse, configuration));
            var report = await LedgerReport.LoadAsync(grid.Client, ILedgerGrain.DefaultKey, withJournal: false);
            var earnings = Earnings.Of(address.Value, report);
            if (parse.GetValue(json))
            {
                WriteJson(earnings, console.Out);
            }
            else
            {
                WriteText(earnings, console.Out);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(Earnings earnings, TextWriter output) => output.WriteLine(JsonLines.Object(w =>
    {
        w.WriteString("wallet", earnings.Wallet);
        w.WriteNumber("tiles", earnings.Tiles);
        w.WriteNumber("credits", earnings.Credits);
        w.WriteInteger("minted", earnings.Minted);
        w.WriteNumber("creditsNotMinted", earnings.CreditsNotMinted);
        w.WriteStartArray("epochs");
        foreach (var e in earnings.Epochs)
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", e.View.Statement.Epoch);
            w.WriteString("status", e.View.Status);
            w.WriteNumber("tiles", e.Tiles);
            w.WriteNumber("credits", e.Credits);
            w.WriteInteger("minted", e.Minted);
            w.WriteNullableString("txHash", e.View.Minted ? e.View.Settlement.TransactionHash : string.Empty);
            if (e.View.Minted)
            {
                w.WriteNumber("block", e.View.Settlement.BlockNumber);
            }
            else
            {
                w.WriteNull("block");
            }

            w.WriteString("settlementId", e.View.Statement.SettlementId);
            w.WriteNullableString("receiptsRoot", e.View.Statement.ReceiptsRoot);
            AccountLines.WriteDraws(w, e.View.Statement);
            w.WriteStartArray("workers");
            foreach (var line in e.Workers)
            {
                w.WriteStartObject();
                w.WriteString("workerId", line.WorkerId);
                w.WriteNumber("tiles", line.Tiles);
                w.WriteNumber("credits", line.Credits);
                w.WriteNumber("carried", line.CarriedCredits);
                w.WriteInteger("minted", TokenAmounts.MintedFor(e.View, line.Credits));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }));

    private static void WriteText(Earnings earnings, TextWriter output)
    {
        output.WriteLine($"wallet {earnings.Wallet}: {earnings.Tiles} tiles, {earnings.Credits:N0} credits, minted {earnings.Minted} " +
            $"base units ({TokenAmounts.Tokens(earnings.Minted)} PICTOR); {earnings.CreditsNotMinted:N0} credits not minted yet");
        foreach (var e in earnings.Epochs)
        {
            string tx = e.View.Minted ? $" (tx {e.View.Settlement.TransactionHash}, block {e.View.Settlement.BlockNumber})" : string.Empty;
            output.WriteLine($"epoch {e.View.Statement.Epoch} {e.View.Status}{tx}: {e.Tiles} tiles, {e.Credits:N0} credits, " +
                $"minted {e.Minted}");
            output.WriteLine($"  {AccountLines.Draws(e.View.Statement)}");
            foreach (var line in e.Workers)
            {
                output.WriteLine($"  {line.WorkerId,-32} {line.Tiles,6} tiles {line.Credits,14:N0} credits  minted " +
                    $"{TokenAmounts.MintedFor(e.View, line.Credits)}");
            }
        }
    }

    /// <summary>One wallet's share of every epoch that pays it.</summary>
    private sealed record Earnings(string Wallet, IReadOnlyList<EpochEarnings> Epochs)
    {
        public long Tiles => Epochs.Sum(e => e.Tiles);

        public long Credits => Epochs.Sum(e => e.Credits);

        public BigInteger Minted => Epochs.Aggregate(BigInteger.Zero, (sum, e) => sum + e.Minted);

        public long CreditsNotMinted => Epochs.Where(e => !e.View.Minted).Sum(e => e.Credits);

        public static Earnings Of(string wallet, LedgerReport report)
        {
            var epochs = new List<EpochEarnings>();
            foreach (var view in report.Epochs)
            {
                var lines = view.Statement.Workers.Where(w => string.Equals(w.Wallet, wallet, StringComparison.Ordinal)).ToList();
                if (lines.Count > 0)
                {
                    epochs.Add(new EpochEarnings(view, lines, TokenAmounts.MintedTo(view, wallet)));
                }
            }

            return new Earnings(wallet, epochs);
        }
    }

    private sealed record EpochEarnings(EpochView View, IReadOnlyList<EpochWorkerLine> Workers, BigInteger Minted)
    {
        public long Tiles => Workers.Sum(w => w.Tiles);

        public long Credits => Workers.Sum(w => w.Credits);
    }
}
