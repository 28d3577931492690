namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>Where a job's next work unit goes.</summary>
/// <param name="Silo">The silo address.</param>
/// <param name="Tiles">How many tiles it holds.</param>
/// <param name="FinishSeconds">When the silo is expected to finish it, from now.</param>
internal sealed record UnitChoice(string Silo, int Tiles, double FinishSeconds);
