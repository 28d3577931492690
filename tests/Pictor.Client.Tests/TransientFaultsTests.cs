using Orleans.Runtime.Messaging;

namespace Pictor.Client.Tests;

/// <summary>The SDK rides out the cluster's passing faults and nothing else.</summary>
public sealed class TransientFaultsTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public async Task LostConnectionsAndRejections_AreRetried_UntilTheCallAnswers()
    {
        int calls = 0;
        var retried = new List<Exception>();

        int answer = await TransientFaults.RetryAsync(
            () => ++calls switch
            {
                1 => throw new OrleansException("Exception while sending message",
                    new ConnectionFailedException("Unable to connect to S127.0.0.1:11111:1")),
                2 => throw new SiloUnavailableException(),
                _ => Task.FromResult(42),
            },
            TimeSpan.FromMinutes(1),
            retried.Add);

        Assert.Equal(42, answer);
        Assert.Equal(3, calls);
        Assert.Equal(2, retried.Count);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public async Task AnAnswerToTheRequest_IsNeverRetried()
    {
        int calls = 0;

        await Assert.ThrowsAsync<ArgumentException>(() => TransientFaults.RetryAsync<int>(
            () => { calls++; throw new ArgumentException("Invalid job spec"); }, TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => TransientFaults.RetryAsync<int>(
            () => { calls++; throw new UnauthorizedAccessException("refused"); }, TimeSpan.FromMinutes(1)));

        Assert.Equal(2, calls);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public async Task AFaultThatOutlastsTheWindow_IsRethrown()
    {
        int calls = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => TransientFaults.RetryAsync<int>(
            () => { calls++; throw new SiloUnavailableException(); }, TimeSpan.Zero));

        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(4, 1600)]
    [InlineData(5, 2000)]
    [InlineData(500, 2000)]
    [Trait("Suite", "fast")]
    public void Backoff_DoublesFrom200Ms_UpTo2s(int attempt, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), TransientFaults.Backoff(attempt));
}
