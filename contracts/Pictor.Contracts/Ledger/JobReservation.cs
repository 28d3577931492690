namespace Pictor.Contracts.Ledger;

/// <summary>A job's reservation on its creator's account: reserved before any unit is sent, released when the job ends.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Account">The account it charges.</param>
/// <param name="Amount">Credits reserved (<see cref="CreditPricing.Reservation"/>); 0 for a job that never reserved.</param>
/// <param name="Drawn">Credits drawn from it so far (final once released).</param>
/// <param name="Released">Whether the job ended and the rest went back to the account.</param>
[GenerateSerializer, Immutable, Alias("pictor.JobReservation")]
public sealed record JobReservation(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Account,
    [property: Id(2)] long Amount,
    [property: Id(3)] long Drawn,
    [property: Id(4)] bool Released);
