using System.CommandLine;
using System.Globalization;
using Pictor.Contracts.Ledger;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor account</c>: creator accounts, whose balances fund what workers earn.</summary>
/// <remarks>
/// <c>grant ACCOUNT AMOUNT</c> (the operator grants credits; idempotent by <c>--id</c>) and <c>show [ACCOUNT]</c>. Both
/// run on the embedded grid's data directory, or on a cluster with the same flags as <c>pictor ledger</c>.
/// </remarks>
internal static class AccountCommand
{
    public static Command Create(CliConsole console) =>
        new("account", "Creator accounts: the operator grants balances; each job reserves its cost from its account.")
        {
            Grant(console),
            Show(console),
        };

    private static Command Grant(CliConsole console)
    {
        var account = new Argument<string>("account") { Description = "The account id (letters, digits, '.', '_', '-', '@')." };
        var amount = new Argument<string>("amount") { Description = $"Credits to grant, 1 to {LedgerAmounts.Format(LedgerAmounts.Max)}." };
        var id = new Option<string?>("--id")
        {
            Description = "The grant id: a grant id is applied once per account, so a repeated command with the same id grants " +
                "once (default: a fresh id, printed).",
        };
        var json = new Option<bool>("--json") { Description = "One JSON object: the grant and the account after it." };
        var data = CliOptions.DataDirectory();
        var verbose = CliOptions.Verbose();
        var cluster = new ClusterFlags();
        var command = new Command("grant", "Grant a creator account credits (its jobs reserve their cost from them).")
        {
            account, amount, id, json, data, verbose,
        };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string text = parse.GetValue(amount)!;
            if (!TryParseAmount(text, out long credits))
            {
                await console.Error.WriteLineAsync(
                    $"error: amount '{text}' is not a whole number of credits from 1 to {LedgerAmounts.Format(LedgerAmounts.Max)}");
                return ExitCodes.BadInput;
            }

            string name = parse.GetValue(account)!;
            if (AccountIds.Problem(name) is { } problem)
            {
                await console.Error.WriteLineAsync($"error: {problem}");
                return ExitCodes.BadInput;
            }

            string grantId = parse.GetValue(id) ?? $"grant-{Guid.NewGuid():N}";
            var configuration = CliConfiguration.Load();
            await using var grid = await LedgerSession.OpenAsync(
                parse.GetValue(data), parse.GetValue(verbose), configuration, cancellationToken, cluster.Resolve(parse, configuration));
            GrantOutcome outcome;
            try
            {
                outcome = await GrantWithRetriesAsync(grid.Client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey),
                    new CreditGrant(grantId, name, credits), cancellationToken);
            }
            catch (ArgumentException e)
            {
                await console.Error.WriteLineAsync($"error: {CliErrors.Message(e)}");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonLines.Object(w =>
                {
                    w.WriteString("grantId", grantId);
                    w.WriteBoolean("applied", outcome.Applied);
                    w.WriteNumber("amount", credits);
                    AccountLines.Write(w, outcome.Account);
                }));
            }
            else
            {
                console.Out.WriteLine(outcome.Applied
                    ? $"grant {grantId}: granted {LedgerAmounts.Format(credits)} credits to {name}"
                    : $"grant {grantId}: already applied to {name}; nothing granted");
                console.Out.WriteLine(AccountLines.Text(outcome.Account));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var account = new Argument<string?>("account")
        {
            Description = "The account; every account when left out.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per account (\"type\":\"account\")." };
        var data = CliOptions.DataDirectory();
        var verbose = CliOptions.Verbose();
        var cluster = new ClusterFlags();
        var command = new Command("show", "Show creator accounts: granted, drawn, reserved by running jobs, available.")
        {
            account, json, data, verbose,
        };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? name = parse.GetValue(account);
            if (name is not null && AccountIds.Problem(name) is { } problem)
            {
                await console.Error.WriteLineAsync($"error: {problem}");
                return ExitCodes.BadInput;
            }

            var configuration = CliConfiguration.Load();
            await using var grid = await LedgerSession.OpenAsync(
                parse.GetValue(data), parse.GetValue(verbose), configuration, cancellationToken, cluster.Resolve(parse, configuration));
            var ledger = grid.Client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
            var accounts = name is null ? await ledger.GetAccountsAsync() : [await ledger.GetAccountAsync(name)];
            foreach (var a in accounts)
            {
                console.Out.WriteLine(parse.GetValue(json) ? Json(a) : AccountLines.Text(a));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One JSON line of the <c>"type":"account"</c> kind, as <c>pictor ledger --json</c> prints them too.</summary>
    public static string Json(AccountInfo a) => JsonLines.Object(w =>
    {
        w.WriteString("type", "account");
        AccountLines.Write(w, a);
    });

    /// <summary>Digits, optionally grouped with <c>,</c> or <c>_</c>, from 1 to the largest amount.</summary>
    private static bool TryParseAmount(string text, out long amount) =>
        long.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal),
            NumberStyles.None, CultureInfo.InvariantCulture, out amount) && LedgerAmounts.IsValid(amount);

    /// <summary>The grant, retried on a transient failure: the grant id makes a retried call grant once.</summary>
    private static async Task<GrantOutcome> GrantWithRetriesAsync(ILedgerGrain ledger, CreditGrant grant, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await ledger.GrantAsync(grant);
            }
            catch (Exception e) when (attempt < 5 && e is not ArgumentException && !ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
        }
    }
}
