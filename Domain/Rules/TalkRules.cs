namespace BranchBot.Domain;

/// <summary>What a mentor's talk date is checked against (<see cref="TalkRules.Check"/>).</summary>
public enum TalkDateVerdict
{
    Accepted,
    /// <summary>The date is after today: a talk is logged once held.</summary>
    InFuture,
    /// <summary>The date is before the mentee's current stage began: it cannot count for this stage's talk duty.</summary>
    BeforeStage,
}

/// <summary>The rules of a logged talk's date, and the period it counts in.</summary>
public static class TalkRules
{
    /// <summary>Whether a talk held on <paramref name="date"/> may be logged today for a mentee whose stage began <paramref name="stageSince"/>.</summary>
    public static TalkDateVerdict Check(DateOnly date, DateOnly today, DateOnly stageSince) =>
        date > today ? TalkDateVerdict.InFuture
        : date < stageSince ? TalkDateVerdict.BeforeStage
        : TalkDateVerdict.Accepted;

    /// <summary>
    /// The period a talk counts in: the one containing its date at the cadence of the mentee's talk duty (quarterly for
    /// a development target by default), the kind's default cadence when the policy has no such duty.
    /// </summary>
    public static Period CountsIn(Policy policy, Stage menteeStage, DateOnly date)
    {
        var cadence = policy.Find(ObligationKind.Talk, menteeStage, Owner.Mentor)?.Cadence ?? DutyKinds.Of(ObligationKind.Talk).DefaultCadence;
        return Period.Containing(cadence, date);
    }
}
