namespace BranchBot.Domain;

/// <summary>
/// That a duty was done, as the obligation engine sees it: a first report, a talk or an evaluation, with who
/// did it about whom, for which period (or, for a talk, on which date) and when it was recorded. No texts:
/// status is computed from these alone, and the stored records keep the rest.
/// </summary>
public sealed record FulfilmentFact
{
    private FulfilmentFact(ObligationKind kind, int? ownerId, int subjectId, Period? period, DateOnly? heldOn, DateTimeOffset at)
    {
        Kind = kind;
        OwnerId = ownerId;
        SubjectId = subjectId;
        Period = period;
        HeldOn = heldOn;
        At = at;
    }

    /// <summary>What was done.</summary>
    public ObligationKind Kind { get; }
    /// <summary>Who did it: the writer of a report, the mentor of a talk; null for the committee's evaluations.</summary>
    public int? OwnerId { get; }
    /// <summary>Whom it is about.</summary>
    public int SubjectId { get; }
    /// <summary>The period it answers; null for a talk, which counts for the periods containing <see cref="HeldOn"/>.</summary>
    public Period? Period { get; }
    /// <summary>For a talk, the local date it was held.</summary>
    public DateOnly? HeldOn { get; }
    /// <summary>When it was received or recorded.</summary>
    public DateTimeOffset At { get; }
    /// <summary>For a talk, the mentee's answer; null while unconfirmed. An unconfirmed or disputed talk still fulfils its period.</summary>
    public TalkAnswer? Answer { get; private init; }

    /// <summary>A member's report for a period, at the instant it counts as done (<see cref="ReviewRules.CountsAsDoneAt"/>).</summary>
    public static FulfilmentFact Report(int memberId, ObligationKind kind, Period period, DateTimeOffset submittedAt)
    {
        if (DutyKinds.Of(kind).FulfilledBy != Fulfilment.ReportForPeriod)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only reports are submitted as text.");
        ArgumentNullException.ThrowIfNull(period);
        return new(kind, memberId, memberId, period, null, submittedAt);
    }

    /// <summary>A talk of a mentor with a mentee held on a local date.</summary>
    public static FulfilmentFact Talk(int mentorId, int menteeId, DateOnly heldOn, DateTimeOffset recordedAt, TalkAnswer? answer = null)
    {
        if (mentorId == menteeId) throw new ArgumentException("A mentor cannot talk with themselves.");
        return new(ObligationKind.Talk, mentorId, menteeId, null, heldOn, recordedAt) { Answer = answer };
    }

    /// <summary>The committee's evaluation of a subject for a period.</summary>
    public static FulfilmentFact Evaluation(int subjectId, ObligationKind kind, Period period, DateTimeOffset at)
    {
        if (DutyKinds.Of(kind).FulfilledBy != Fulfilment.EvaluationForPeriod)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only evaluations are recorded by the committee.");
        ArgumentNullException.ThrowIfNull(period);
        return new(kind, null, subjectId, period, null, at);
    }
}

/// <summary>That one obligation (owner, subject, kind, period) was excused, and when.</summary>
/// <param name="OwnerId">Who owed it (null: the committee).</param>
/// <param name="SubjectId">Whom it is about.</param>
/// <param name="Kind">What was owed.</param>
/// <param name="Period">For which period.</param>
/// <param name="At">When it was excused.</param>
/// <param name="Leave">The personal leave that excuses it, when it is not an excuse someone gave for this one duty.</param>
public sealed record ExcuseFact(int? OwnerId, int SubjectId, ObligationKind Kind, Period Period, DateTimeOffset At, Calendar.Leave? Leave = null)
{
    /// <summary>For which period.</summary>
    public Period Period { get; } = Period ?? throw new ArgumentNullException(nameof(Period));
}

/// <summary>That one person's obligation of a kind and period was given more time, until a local date: approved extensions only.</summary>
/// <param name="MemberId">Whose obligation (for a talk, the mentor's).</param>
/// <param name="Kind">What is owed.</param>
/// <param name="Period">For which period.</param>
/// <param name="Until">The new local due date.</param>
public sealed record ExtensionFact(int MemberId, ObligationKind Kind, Period Period, DateOnly Until)
{
    /// <summary>For which period.</summary>
    public Period Period { get; } = Period ?? throw new ArgumentNullException(nameof(Period));
}
