using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Pictor.Chain.Token;

/// <summary>AccessControl <c>grantRole(bytes32,address)</c>; only the role's admin may call it.</summary>
[Function("grantRole")]
public partial class GrantRoleFunction : FunctionMessage
{
    /// <summary>The role, e.g. <see cref="PictorTokenRoles.Minter"/>.</summary>
    [Parameter("bytes32", "role", 1)]
    public byte[] Role { get; set; } = [];

    /// <summary>The account granted the role.</summary>
    [Parameter("address", "account", 2)]
    public string Account { get; set; } = string.Empty;
}
