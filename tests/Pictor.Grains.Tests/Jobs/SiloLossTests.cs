using Orleans.Runtime.Messaging;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Tests.Jobs;

[Trait("Suite", "fast")]
public sealed class SiloLossTests
{
    public static TheoryData<Exception> Unreachable => new()
    {
        new SiloUnavailableException("the silo is dead"),
        new ConnectionFailedException("Unable to connect to S127.0.0.1:11111:1"),
        new InvalidOperationException("wrapped", new ConnectionFailedException("refused")),
        new AggregateException(new TimeoutException("slow"), new SiloUnavailableException("gone")),
    };

    public static TheoryData<Exception?> TheTilesOwn => new()
    {
        null,
        new InvalidOperationException("device lost"),
        new TimeoutException("the tile took longer than Grid:TileTimeout"),
        new ArgumentException("bad work"),
        new AggregateException(new TimeoutException("slow")),
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void ConnectionAndMembershipFailures_AreUnreachable(Exception error) => Assert.True(SiloLoss.IsUnreachable(error));

    [Theory]
    [MemberData(nameof(TheTilesOwn))]
    public void OtherFailures_CountAgainstTheTile(Exception? error) => Assert.False(SiloLoss.IsUnreachable(error));

    [Fact]
    public void RetryDelay_DoublesFrom200Ms_AndStopsAtTwoSeconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), SiloLoss.RetryDelay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), SiloLoss.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMilliseconds(1600), SiloLoss.RetryDelay(4));
        Assert.Equal(TimeSpan.FromSeconds(2), SiloLoss.RetryDelay(5));
        Assert.Equal(TimeSpan.FromSeconds(2), SiloLoss.RetryDelay(60));
    }

    [Fact]
    public void UnreachableTiles_CountsTriesFromTheFirstFailure_AndForgetsAnswers()
    {
        var tiles = new UnreachableTiles();
        var key = (7, AttemptKind.Primary);
        var t0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal((TimeSpan.Zero, 1), tiles.Record(key, t0));
        Assert.Equal((TimeSpan.FromSeconds(3), 2), tiles.Record(key, t0.AddSeconds(3)));
        Assert.Equal(0, tiles.Tries((7, AttemptKind.Check)));
        tiles.Forget(key);
        Assert.Equal(0, tiles.Tries(key));
        Assert.Equal((TimeSpan.Zero, 1), tiles.Record(key, t0.AddSeconds(10)));
    }
}
