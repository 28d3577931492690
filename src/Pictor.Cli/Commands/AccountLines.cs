using System.Text.Json;
using Pictor.Contracts.Ledger;

namespace Pictor.Cli.Commands;

/// <summary>How the CLI prints a creator account: one text line, or one JSON object.</summary>
internal static class AccountLines
{
    /// <summary>
    /// <c>account ID: granted G, drawn D, reserved R, available A; J running job(s), N grant(s)</c> (available
    /// <c>unlimited</c> for the operator's account).
    /// </summary>
    public static string Text(AccountInfo a) =>
        $"account {a.Account}: granted {(a.Unlimited ? "unlimited" : LedgerAmounts.Format(a.Granted))}, drawn " +
        $"{LedgerAmounts.Format(a.Drawn)}, reserved {LedgerAmounts.Format(a.Reserved)}, available " +
        $"{(a.Available is { } available ? LedgerAmounts.Format(available) : "unlimited")}; {a.OpenJobs} running job(s), " +
        $"{a.Grants} grant(s)";

    /// <summary>The fields of an account, for a JSON object: <c>available</c> is null for an unlimited account.</summary>
    public static void Write(Utf8JsonWriter w, AccountInfo a)
    {
        w.WriteString("account", a.Account);
        w.WriteBoolean("unlimited", a.Unlimited);
        w.WriteNumber("granted", a.Granted);
        w.WriteNumber("drawn", a.Drawn);
        w.WriteNumber("reserved", a.Reserved);
        if (a.Available is { } available)
        {
            w.WriteNumber("available", available);
        }
        else
        {
            w.WriteNull("available");
        }

        w.WriteNumber("openJobs", a.OpenJobs);
        w.WriteNumber("grants", a.Grants);
    }

    /// <summary>An epoch's draws: <c>drawn from creators D: alice 300, operator 1,200</c>.</summary>
    public static string Draws(EpochStatement s)
    {
        var draws = s.Draws ?? [];
        string who = draws.Count == 0
            ? "none"
            : string.Join(", ", draws.Select(d => $"{(d.Account.Length == 0 ? "(unfunded, before accounts)" : d.Account)} " +
                LedgerAmounts.Format(d.Credits)));
        return $"drawn from creators {LedgerAmounts.Format(s.DrawnCredits)}: {who}";
    }

    /// <summary>An epoch's draws as a JSON array <c>draws</c> of <c>account</c>, <c>credits</c>.</summary>
    public static void WriteDraws(Utf8JsonWriter w, EpochStatement s)
    {
        w.WriteNumber("drawn", s.DrawnCredits);
        w.WriteStartArray("draws");
        foreach (var draw in s.Draws ?? [])
        {
            w.WriteStartObject();
            w.WriteString("account", draw.Account);
            w.WriteNumber("credits", draw.Credits);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
