using Pictor.Cli.Sessions;
using Pictor.Contracts.Ledger;

namespace Pictor.Cli.Commands;

/// <summary>Closes the ledger's open epoch and waits until its mint is final.</summary>
internal static class EpochSettler
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> CloseAndSettleAsync(IGridSession grid, CliConsole console, CancellationToken cancellationToken)
    {
        var ledger = grid.Client.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
        var statement = await ledger.CloseEpochAsync();
        await console.Out.WriteLineAsync($"epoch {statement.Epoch} closed: {statement.ReceiptCount} receipts, " +
            $"{statement.PayableCredits:N0} credits, receipts root {statement.ReceiptsRoot}");
        var settlement = grid.Client.GetGrain<ISettlementGrain>(LedgerKeys.Epoch(ILedgerGrain.DefaultKey, statement.Epoch));
        var until = DateTimeOffset.UtcNow + Patience;
        SettlementInfo info;
        do
        {
            // Short calls, well under the grain call timeout; the settlement goes on between them.
            info = await settlement.SettleAsync(TimeSpan.FromSeconds(10));
        }
        while (!info.IsFinal && DateTimeOffset.UtcNow < until && !cancellationToken.IsCancellationRequested);

        switch (info.Status)
        {
            case SettlementStatus.Confirmed:
                await console.Out.WriteLineAsync($"settled epoch {statement.Epoch}: minted {info.Total} base units to " +
                    $"{info.Recipients.Count} wallet(s) in {info.TransactionHash} (block {info.BlockNumber}), settlement " +
                    $"{info.SettlementId}");
                for (int i = 0; i < info.Recipients.Count; i++)
                {
                    await console.Out.WriteLineAsync($"  {info.Recipients[i]} {info.Amounts[i]} " +
                        $"({TokenAmounts.Tokens(TokenAmounts.Parse(info.Amounts[i]))} PICTOR)");
                }

                return ExitCodes.Ok;
            case SettlementStatus.NothingToMint:
                await console.Out.WriteLineAsync($"settled epoch {statement.Epoch}: nothing to mint (no credit has a wallet)");
                return ExitCodes.Ok;
            case SettlementStatus.Conflict:
                await console.Error.WriteLineAsync($"error: epoch {statement.Epoch} conflicts with the chain: {info.LastError}");
                return ExitCodes.Failed;
            default:
                await console.Error.WriteLineAsync($"error: epoch {statement.Epoch} is {info.Status.ToString().ToLowerInvariant()}, not " +
                    $"minted yet ({info.LastError}); the grid retries it the next time it runs on this data");
                return ExitCodes.Failed;
        }
    }
}
