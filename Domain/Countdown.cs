namespace BranchBot.Domain;

/// <summary>
/// Where a person stands on the way to full membership: the stage held and since when (from the stage history), the
/// stage that comes next, and the earliest day it can come (null when the seed fixes no date, as for the defence).
/// </summary>
/// <param name="Stage">The stage held now.</param>
/// <param name="Since">The local date it began.</param>
/// <param name="Next">The stage that follows; null for a full member.</param>
/// <param name="NextFrom">The earliest local date of the next stage: a year as an activist (eligible to be a development target), the end of the one-year probation (conversion on time).</param>
/// <param name="DaysLeft">Days from today to <paramref name="NextFrom"/>; 0 on the day, negative once it has passed.</param>
public sealed record Countdown(Stage Stage, DateOnly Since, Stage? Next, DateOnly? NextFrom, int? DaysLeft)
{
    /// <summary>The countdown of a member on a local day; the member's stage changes must be loaded.</summary>
    public static Countdown Of(Member member, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        var now = member.Stages[^1];
        var nextFrom = now.Stage switch
        {
            Stage.Activist => member.EligibleForDevelopmentOn,
            Stage.Probationary => member.ProbationEndsOn,
            Stage.Applicant or Stage.DevelopmentTarget or Stage.Full => null,
            _ => throw new ArgumentOutOfRangeException(nameof(member), now.Stage, "Unknown stage."),
        };
        Stage? next = now.Stage == Stage.Full ? null : now.Stage + 1;
        return new Countdown(now.Stage, now.Since, next, nextFrom, nextFrom is { } on ? on.DayNumber - today.DayNumber : null);
    }
}
