using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pictor.Silo.Hosting;

namespace Pictor.Cli;

/// <summary>Configuration of the CLI: <c>appsettings.json</c> beside the binary, then <c>PICTOR_</c> environment variables.</summary>
internal static class CliConfiguration
{
    /// <summary>Loads the configuration.</summary>
    /// <returns>The configuration.</returns>
    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables("PICTOR_")
        .Build();

    /// <summary>Reads the silo options from configuration.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The options, before command-line flags are applied.</returns>
    public static SiloHostOptions SiloOptions(IConfiguration configuration)
    {
        var options = new SiloHostOptions();
        configuration.GetSection(SiloHostOptions.Section).Bind(options);
        return options;
    }

    /// <summary>Logs to standard error so standard output stays for results; verbose shows information.</summary>
    /// <param name="verbose">Whether to show information-level logs.</param>
    /// <param name="configuration">The configuration (its Logging section).</param>
    /// <returns>The logging configuration action.</returns>
    public static Action<ILoggingBuilder> Logging(bool verbose, IConfiguration configuration) => logging =>
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (verbose)
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("Pictor", LogLevel.Information);
        }
    };
}
