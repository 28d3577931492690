using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Pictor.Chain.Token;

/// <summary>AccessControl <c>hasRole(bytes32,address) returns (bool)</c>.</summary>
[Function("hasRole", "bool")]
public partial class HasRoleFunction : FunctionMessage
{
    /// <summary>The role.</summary>
    [Parameter("bytes32", "role", 1)]
    public byte[] Role { get; set; } = [];

    /// <summary>The account asked about.</summary>
    [Parameter("address", "account", 2)]
    public string Account { get; set; } = string.Empty;
}
