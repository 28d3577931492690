using System.CommandLine;
using Pictor.Chain;

namespace Pictor.Cli.Commands;

/// <summary><c>pictor chain</c>: deploy the $PICTOR token and read balances.</summary>
internal static class ChainCommand
{
    public static Command Create(CliConsole console) => new("chain", "Deploy the $PICTOR token and read balances on an EVM chain.")
    {
        Deploy(console),
        Balance(console),
    };

    private static Command Deploy(CliConsole console)
    {
        var flags = new ChainFlags();
        var command = new Command("deploy", "Deploy PictorToken; the deploying account becomes admin and minter. Prints 'token: 0x…'.");
        command.Options.Add(flags.Rpc);
        command.Options.Add(flags.Key);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load();
            string? rpc = parse.GetValue(flags.Rpc) ?? configuration[ChainFlags.RpcKey];
            string? key = parse.GetValue(flags.Key) ?? configuration[ChainFlags.PrivateKeyKey];
            if (string.IsNullOrWhiteSpace(rpc) || string.IsNullOrWhiteSpace(key))
            {
                await console.Error.WriteLineAsync($"error: deploying needs --rpc and --key (or {ChainFlags.RpcKey} and " +
                    $"{ChainFlags.PrivateKeyKey})");
                return ExitCodes.BadInput;
            }

            try
            {
                var token = await PictorTokenService.DeployAsync(rpc, key, cancellationToken: cancellationToken);
                await console.Out.WriteLineAsync($"token: {token}");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await console.Error.WriteLineAsync($"error: could not deploy PictorToken through {rpc}: {ex.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static Command Balance(CliConsole console)
    {
        var flags = new ChainFlags();
        var wallet = new Argument<string>("wallet") { Description = "The account." };
        var command = new Command("balance", "Print an account's $PICTOR balance in base units: 'balance: N'.") { wallet };
        command.Options.Add(flags.Rpc);
        command.Options.Add(flags.Token);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load();
            string? rpc = parse.GetValue(flags.Rpc) ?? configuration[ChainFlags.RpcKey];
            string? token = parse.GetValue(flags.Token) ?? configuration[ChainFlags.TokenKey];
            if (string.IsNullOrWhiteSpace(rpc) || !WalletAddress.TryParse(token, out var tokenAddress)
                || !WalletAddress.TryParse(parse.GetValue(wallet), out var account))
            {
                await console.Error.WriteLineAsync("error: balance needs --rpc, a --token address and a wallet address");
                return ExitCodes.BadInput;
            }

            try
            {
                var balance = await PictorTokenService.BalanceOfAsync(rpc, tokenAddress, account, cancellationToken);
                await console.Out.WriteLineAsync($"balance: {balance}");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await console.Error.WriteLineAsync($"error: could not read the balance through {rpc}: {ex.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
