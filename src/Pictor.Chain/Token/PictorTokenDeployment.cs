using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Pictor.Chain.Token;

/// <summary>Deployment of <c>PictorToken</c>: constructor <c>(address admin, address initialMinter)</c>.</summary>
public partial class PictorTokenDeployment : ContractDeploymentMessage
{
    /// <summary>Creates the message with the bytecode embedded at build time.</summary>
    public PictorTokenDeployment()
        : base(PictorTokenArtifact.Bytecode)
    {
    }

    /// <summary>Account that may grant and revoke roles.</summary>
    [Parameter("address", "admin", 1)]
    public string Admin { get; set; } = string.Empty;

    /// <summary>Account granted <c>MINTER_ROLE</c> at deployment; the zero address grants none.</summary>
    [Parameter("address", "initialMinter", 2)]
    public string InitialMinter { get; set; } = string.Empty;
}
