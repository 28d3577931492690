using Nethereum.ABI.ABIDeserialisation;
using Nethereum.Contracts;
using Pictor.Chain.Token;

namespace Pictor.Chain.Tests;

/// <summary>The hand-written Nethereum messages must match the ABI the build compiled from the source.</summary>
[Trait("Suite", "fast")]
public sealed class TypedMessagesTests
{
    private static readonly Nethereum.ABI.Model.ContractABI Compiled =
        new ABIJsonDeserialiser().DeserialiseContract(PictorTokenArtifact.Abi);

    public static TheoryData<Type> Functions =>
        [
            typeof(SettleFunction), typeof(IsSettledFunction), typeof(SettledAtBlockFunction), typeof(BalanceOfFunction),
            typeof(GrantRoleFunction), typeof(HasRoleFunction),
        ];

    public static TheoryData<Type> Errors =>
        [
            typeof(SettlementAlreadyRecordedError), typeof(SettlementIdZeroError), typeof(SettlementLengthMismatchError),
            typeof(SettlementEmptyError), typeof(SettlementZeroRecipientError), typeof(SettlementZeroAmountError),
            typeof(AccessControlUnauthorizedAccountError),
        ];

    [Theory]
    [MemberData(nameof(Functions))]
    public void FunctionMessage_Always_MatchesACompiledFunction(Type message)
    {
        var typed = ABITypedRegistry.GetFunctionABI(message);

        Assert.Contains(Compiled.Functions, f => f.Sha3Signature == typed.Sha3Signature);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void ErrorDto_Always_MatchesACompiledError(Type error)
    {
        var typed = ABITypedRegistry.GetError(error);

        Assert.Contains(Compiled.Errors, e => e.Sha3Signature == typed.Sha3Signature);
    }

    [Fact]
    public void SettledEventDto_Always_MatchesTheCompiledEvent()
    {
        var typed = ABITypedRegistry.GetEvent<SettledEventDTO>();

        Assert.Contains(Compiled.Events, e => e.Sha3Signature == typed.Sha3Signature);
    }

    [Fact]
    public void Deployment_Always_CarriesTheCompiledBytecode()
    {
        Assert.StartsWith("0x60", new PictorTokenDeployment().ByteCode, StringComparison.Ordinal);
        Assert.StartsWith("solc 0.8.37", PictorTokenArtifact.Compiler, StringComparison.Ordinal);
    }
}
