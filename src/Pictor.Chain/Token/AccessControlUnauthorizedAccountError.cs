using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Pictor.Chain.Token;

/// <summary>
/// Custom error <c>AccessControlUnauthorizedAccount(address account, bytes32 neededRole)</c>: OpenZeppelin's refusal of
/// a caller that lacks a role.
/// </summary>
[Error("AccessControlUnauthorizedAccount")]
public partial class AccessControlUnauthorizedAccountError : IErrorDTO
{
    /// <summary>The caller.</summary>
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    /// <summary>The role it lacks.</summary>
    [Parameter("bytes32", "neededRole", 2)]
    public byte[] NeededRole { get; set; } = [];
}
