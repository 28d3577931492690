using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Pictor.Contracts.Ledger;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor ledger</c>: the credit journal, then each epoch's statement and settlement.</summary>
internal static class LedgerCommand
{
    /// <summary>Text: a summary header, a line per credit, a block of lines per epoch, a line per creator account.</summary>
    private static readonly LedgerFormat Text = new(TextHeader, TextCredit, TextEpoch, AccountLines.Text);

    /// <summary>JSON: no header, one object per credit, one per epoch and one per creator account, a line each.</summary>
    private static readonly LedgerFormat Json = new(_ => [], JsonCredit, JsonEpoch, AccountCommand.Json);

    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json")
        {
            Description = "One JSON object per line: every credit (\"type\":\"credit\"), then every epoch (\"type\":\"epoch\"), then " +
                "every creator account (\"type\":\"account\").",
        };
        var data = CliOptions.DataDirectory();
        var verbose = CliOptions.Verbose();
        var cluster = new ClusterFlags();
        var command = new Command("ledger", "Print the credit journal and each epoch's statement: receipts root, settlement id, mint " +
            "and transaction.")
        {
            json, data, verbose,
        };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load();
            await using var grid = await LedgerSession.OpenAsync(
                parse.GetValue(data), parse.GetValue(verbose), configuration, cancellationToken, cluster.Resolve(parse, configuration));
            var report = await LedgerReport.LoadAsync(grid.Client, ILedgerGrain.DefaultKey, withJournal: true);
            Write(report, parse.GetValue(json) ? Json : Text, console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Prints the report: the header, a row per credit, then a row per epoch, each in the given format.</summary>
    private static void Write(LedgerReport report, LedgerFormat format, TextWriter output)
    {
        var lines = format.Header(report.Summary)
            .Concat(report.Journal.Select(format.Credit))
            .Concat(report.Epochs.SelectMany(format.Epoch))
            .Concat(report.Accounts.Select(format.Account));
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static IEnumerable<string> TextHeader(LedgerSummary summary) =>
    [
        $"ledger {summary.LedgerId}: {summary.Entries} entries, {summary.TotalAmount:N0} credits payable, {summary.PendingAmount:N0} " +
            $"pending, {summary.RejectedAmount:N0} rejected; open epoch {summary.OpenEpoch}",
        $"  {"seq",6} {"epoch",5} {"kind",-9} {"amount",12}  {"worker",-28} {"wallet",-42} tile",
    ];

    private static string TextCredit(LedgerEntry entry)
    {
        var c = entry.Credit;
        return $"  {entry.Sequence,6} {entry.Epoch,5} {Kind(entry.Kind),-9} {c.Amount,12:N0}  {c.WorkerId,-28} " +
            $"{(c.Wallet.Length == 0 ? "-" : c.Wallet),-42} {c.TileId}";
    }

    private static IEnumerable<string> TextEpoch(EpochView epoch)
    {
        var s = epoch.Statement;
        if (epoch.Info.IsOpen)
        {
            yield return $"epoch {s.Epoch} open since {Time(s.OpenedAt)}: {s.Entries} entries, {s.PayableCredits:N0} " +
                $"credits payable so far";
            yield return $"  {AccountLines.Draws(s)} so far";
            yield break;
        }

        yield return $"epoch {s.Epoch} {epoch.Status}: closed {Time(s.ClosedAt!.Value)}, {s.Entries} entries, {s.ReceiptCount} receipts, " +
            $"{s.PayableCredits:N0} credits; receipts root {s.ReceiptsRoot}; settlement {s.SettlementId}";
        yield return $"  {AccountLines.Draws(s)}";
        if (epoch.Minted)
        {
            yield return $"  minted {epoch.Settlement.Total} base units in {epoch.Settlement.TransactionHash} (block " +
                $"{epoch.Settlement.BlockNumber})";
        }
        else if (epoch.Settlement.LastError.Length > 0)
        {
            yield return $"  not minted: {epoch.Settlement.LastError}";
        }

        foreach (var payout in s.Payouts)
        {
            yield return $"  pays {payout.Wallet} {payout.Credits:N0} credits, minted {TokenAmounts.MintedTo(epoch, payout.Wallet)}";
        }

        foreach (var line in s.Workers)
        {
            string to = line.Wallet.Length == 0 ? "no wallet yet (carried)" : line.Wallet;
            string carried = line.CarriedCredits > 0 ? string.Create(CultureInfo.InvariantCulture, $", {line.CarriedCredits:N0} carried " +
                $"from earlier epochs") : string.Empty;
            yield return $"  worker {line.WorkerId} -> {to}: {line.Tiles} tiles, {line.Credits:N0} credits{carried}";
        }
    }

    private static string JsonCredit(LedgerEntry entry) => JsonLines.Object(w =>
    {
        var c = entry.Credit;
        w.WriteString("type", "credit");
        w.WriteNumber("sequence", entry.Sequence);
        w.WriteNumber("epoch", entry.Epoch);
        w.WriteString("kind", Kind(entry.Kind));
        w.WriteString("jobId", c.JobId);
        w.WriteString("tileId", c.TileId);
        w.WriteString("workerId", c.WorkerId);
        w.WriteString("wallet", c.Wallet);
        w.WriteNumber("pixelSamples", c.PixelSamples);
        w.WriteNumber("amount", c.Amount);
        w.WriteString("account", c.Account ?? string.Empty);
        w.WriteString("recordedAt", entry.RecordedAt);
        w.WriteNullableString("reason", entry.Reason ?? string.Empty);
    });

    private static IEnumerable<string> JsonEpoch(EpochView epoch) =>
    [
        JsonLines.Object(w =>
        {
            var s = epoch.Statement;
            var settlement = epoch.Settlement;
            w.WriteString("type", "epoch");
            w.WriteNumber("epoch", s.Epoch);
            w.WriteString("status", epoch.Status);
            w.WriteString("openedAt", s.OpenedAt);
            if (s.ClosedAt is { } closed)
            {
                w.WriteString("closedAt", closed);
            }
            else
            {
                w.WriteNull("closedAt");
            }

            w.WriteNumber("firstSequence", s.FirstSequence);
            w.WriteNumber("entries", s.Entries);
            w.WriteNumber("receipts", s.ReceiptCount);
            w.WriteNumber("credits", s.PayableCredits);
            w.WriteNumber("pending", s.PendingCredits);
            w.WriteNumber("rejected", s.RejectedCredits);
            AccountLines.WriteDraws(w, s);
            w.WriteNullableString("receiptsRoot", s.ReceiptsRoot);
            w.WriteString("settlementId", s.SettlementId);
            w.WriteNullableString("txHash", epoch.Minted ? settlement.TransactionHash : string.Empty);
            if (epoch.Minted)
            {
                w.WriteNumber("block", settlement.BlockNumber);
            }
            else
            {
                w.WriteNull("block");
            }

            w.WriteInteger("minted", epoch.Minted ? TokenAmounts.Parse(settlement.Total) : BigInteger.Zero);
            w.WriteNullableString("lastError", settlement.LastError);
            w.WriteStartArray("payouts");
            foreach (var payout in s.Payouts)
            {
                w.WriteStartObject();
                w.WriteString("wallet", payout.Wallet);
                w.WriteNumber("credits", payout.Credits);
                w.WriteInteger("minted", TokenAmounts.MintedTo(epoch, payout.Wallet));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("workers");
            foreach (var line in s.Workers)
            {
                w.WriteStartObject();
                w.WriteString("workerId", line.WorkerId);
                w.WriteNullableString("wallet", line.Wallet);
                w.WriteNumber("tiles", line.Tiles);
                w.WriteNumber("pixelSamples", line.PixelSamples);
                w.WriteNumber("credits", line.Credits);
                w.WriteNumber("carried", line.CarriedCredits);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }),
    ];

    private static string Kind(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Pending => "pending",
        LedgerEntryKind.Confirmed => "confirmed",
        LedgerEntryKind.Rejected => "rejected",
        _ => "credit",
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How each row of the report becomes lines: the header, one credit, one epoch, one account.</summary>
    private sealed record LedgerFormat(
        Func<LedgerSummary, IEnumerable<string>> Header,
        Func<LedgerEntry, string> Credit,
        Func<EpochView, IEnumerable<string>> Epoch,
        Func<AccountInfo, string> Account);
}
