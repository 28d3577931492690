using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Pictor.Chain.Token;

namespace Pictor.Chain;

/// <summary>Maps the token contract's custom errors to <see cref="SettlementRefusal"/>.</summary>
internal static class RevertClassifier
{
    public static SettlementRefusal Classify(Exception revert) => revert switch
    {
        SmartContractCustomErrorRevertException custom when custom.IsCustomErrorFor<SettlementAlreadyRecordedError>() =>
            SettlementRefusal.AlreadySettled,
        SmartContractCustomErrorRevertException custom when custom.IsCustomErrorFor<SettlementIdZeroError>() =>
            SettlementRefusal.ZeroSettlementId,
        SmartContractCustomErrorRevertException custom when custom.IsCustomErrorFor<SettlementLengthMismatchError>() =>
            SettlementRefusal.LengthMismatch,
        SmartContractCustomErrorRevertException custom when custom.IsCustomErrorFor<SettlementEmptyError>() => SettlementRefusal.Empty,
        SmartContractCustomErrorRevertException custom when custom.IsCustomErrorFor<SettlementZeroRecipientError>() =>
            SettlementRefusal.ZeroRecipient,
        SmartContractCustomErrorRevertException custom when custom.IsCustomErrorFor<SettlementZeroAmountError>() =>
            SettlementRefusal.ZeroAmount,
        SmartContractCustomErrorRevertException custom when custom.IsCustomErrorFor<AccessControlUnauthorizedAccountError>() =>
            SettlementRefusal.MissingMinterRole,
        _ => SettlementRefusal.Unknown,
    };

    /// <summary>Whether <paramref name="exception"/> is a contract revert (as opposed to an RPC or transport failure).</summary>
    public static bool IsRevert(Exception exception) =>
        exception is SmartContractCustomErrorRevertException or SmartContractRevertException;
}
