using System.Text;

namespace Pictor.Chain.Token;

/// <summary>AccessControl role ids of <c>PictorToken</c>.</summary>
public static class PictorTokenRoles
{
    /// <summary><c>DEFAULT_ADMIN_ROLE</c>: zero; administers every role.</summary>
    public static Bytes32 Admin => Bytes32.Zero;

    /// <summary><c>MINTER_ROLE</c> = <c>keccak256("MINTER_ROLE")</c>: may call <c>settle</c>.</summary>
    public static Bytes32 Minter { get; } = Bytes32.Keccak256(Encoding.ASCII.GetBytes("MINTER_ROLE"));
}
