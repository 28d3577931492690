namespace Pictor.Contracts.Ledger;

/// <summary>What a creator account id may look like, and the operator's account.</summary>
/// <remarks>
/// An account is who pays for jobs: its balance is granted by the operator (<c>pictor account grant</c>) and each job
/// reserves its cost from it. Until the edge API binds an account to an authenticated key, an Orleans client (the
/// operator's own tools) names the account a job charges in <c>RenderJobSpec.Account</c>.
/// </remarks>
public static class AccountIds
{
    /// <summary>The default operator account: a job that names no account charges it, and it has an unlimited grant.</summary>
    public const string Operator = "operator";

    /// <summary>The longest account id.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="account"/> is a well-formed id: 1–64 of <c>A-Z a-z 0-9 . _ - @</c>.</summary>
    /// <param name="account">The id.</param>
    /// <returns>True when well-formed.</returns>
    public static bool IsValid(string? account) =>
        account is { Length: > 0 and <= MaxLength } && account.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    /// <summary>Why an account id is refused, in words a user can act on; null when it is well-formed.</summary>
    /// <param name="account">The id.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(string? account) => IsValid(account)
        ? null
        : $"account '{account}' is not a valid account id (1 to {MaxLength} letters, digits, '.', '_', '-' or '@')";
}
