namespace BranchBot.Domain;

/// <summary>
/// A written report (thought report or branch report). Never overwritten: a resubmission in the same
/// period is a new row with the next <see cref="Version"/>.
/// </summary>
public sealed class Submission
{
    private Submission() { Period = null!; Text = ""; }

    /// <summary>Creates a submission.</summary>
    public Submission(int memberId, ObligationKind kind, Period period, string text, DateTimeOffset submittedAt, int version, string? idempotencyKey)
    {
        if (DutyKinds.Of(kind).FulfilledBy != Fulfilment.ReportForPeriod)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only reports are submitted as text.");
        ArgumentNullException.ThrowIfNull(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (version < 1) throw new ArgumentOutOfRangeException(nameof(version));
        MemberId = memberId;
        Kind = kind;
        Period = period;
        Text = text;
        SubmittedAt = submittedAt;
        Version = version;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Who wrote it.</summary>
    public int MemberId { get; private set; }
    /// <summary>Thought report or branch report.</summary>
    public ObligationKind Kind { get; private set; }
    /// <summary>The period it answers.</summary>
    public Period Period { get; private set; }
    /// <summary>The report text.</summary>
    public string Text { get; private set; }
    /// <summary>When it was received.</summary>
    public DateTimeOffset SubmittedAt { get; private set; }
    /// <summary>1 for the first submission in the period, then 2, 3...</summary>
    public int Version { get; private set; }
    /// <summary>Identifies the card answer that produced it, so a double click stores one report.</summary>
    public string? IdempotencyKey { get; private set; }
}

/// <summary>A talk (谈心谈话) recorded by a mentor or introducer with a mentee.</summary>
public sealed class Talk
{
    private Talk() { Topic = ""; Summary = ""; }

    /// <summary>Creates a talk record.</summary>
    public Talk(int mentorId, int menteeId, DateOnly date, TalkMode mode, string topic, string summary, string? followUp, DateTimeOffset recordedAt, string? idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        if (mentorId == menteeId) throw new ArgumentException("A mentor cannot talk with themselves.");
        MentorId = mentorId;
        MenteeId = menteeId;
        Date = date;
        Mode = mode;
        Topic = topic;
        Summary = summary;
        FollowUp = string.IsNullOrWhiteSpace(followUp) ? null : followUp;
        RecordedAt = recordedAt;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The mentor or introducer.</summary>
    public int MentorId { get; private set; }
    /// <summary>The mentee.</summary>
    public int MenteeId { get; private set; }
    /// <summary>Local date the talk took place.</summary>
    public DateOnly Date { get; private set; }
    /// <summary>In person or online.</summary>
    public TalkMode Mode { get; private set; }
    /// <summary>Topic.</summary>
    public string Topic { get; private set; }
    /// <summary>Summary.</summary>
    public string Summary { get; private set; }
    /// <summary>Agreed follow-up, if any.</summary>
    public string? FollowUp { get; private set; }
    /// <summary>When it was recorded.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>Identifies the card answer that produced it.</summary>
    public string? IdempotencyKey { get; private set; }
}

/// <summary>An obligation excused for one owner, subject and period, with a reason.</summary>
public sealed class Excuse
{
    private Excuse() { Period = null!; Reason = ""; }

    /// <summary>Creates an excuse.</summary>
    public Excuse(int? ownerId, int subjectId, ObligationKind kind, Period period, string reason, int excusedById, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        OwnerId = ownerId;
        SubjectId = subjectId;
        Kind = kind;
        Period = period;
        Reason = reason;
        ExcusedById = excusedById;
        At = at;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Who owed it (null: the committee).</summary>
    public int? OwnerId { get; private set; }
    /// <summary>Whom it is about.</summary>
    public int SubjectId { get; private set; }
    /// <summary>What was owed.</summary>
    public ObligationKind Kind { get; private set; }
    /// <summary>For which period.</summary>
    public Period Period { get; private set; }
    /// <summary>Why.</summary>
    public string Reason { get; private set; }
    /// <summary>The group leader or committee member who excused it.</summary>
    public int ExcusedById { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset At { get; private set; }
}

/// <summary>A request for more time on one obligation of one person in one period.</summary>
public sealed class Extension
{
    private Extension() { Period = null!; Reason = ""; }

    /// <summary>Creates a request.</summary>
    public Extension(int memberId, ObligationKind kind, Period period, DateOnly requestedUntil, string reason, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        MemberId = memberId;
        Kind = kind;
        Period = period;
        RequestedUntil = requestedUntil;
        Reason = reason;
        RequestedAt = requestedAt;
        Status = ExtensionStatus.Requested;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Who asked.</summary>
    public int MemberId { get; private set; }
    /// <summary>For what.</summary>
    public ObligationKind Kind { get; private set; }
    /// <summary>For which period.</summary>
    public Period Period { get; private set; }
    /// <summary>The new local due date asked for.</summary>
    public DateOnly RequestedUntil { get; private set; }
    /// <summary>Why.</summary>
    public string Reason { get; private set; }
    /// <summary>When asked.</summary>
    public DateTimeOffset RequestedAt { get; private set; }
    /// <summary>Requested, approved or declined.</summary>
    public ExtensionStatus Status { get; private set; }
    /// <summary>Who decided.</summary>
    public int? DecidedById { get; private set; }
    /// <summary>When decided.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>
    /// Approves or declines; a decided request cannot be decided again. An approval may grant a later date than
    /// was asked for (the extension counts from the decision day when that is past the due date).
    /// </summary>
    public void Decide(bool approve, int deciderId, DateTimeOffset at, DateOnly? grantedUntil = null)
    {
        if (Status != ExtensionStatus.Requested) throw new InvalidOperationException("This request was already decided.");
        if (approve && grantedUntil is { } until) RequestedUntil = until;
        Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Declined;
        DecidedById = deciderId;
        DecidedAt = at;
    }
}

/// <summary>An evaluation recorded by the committee (quarterly for activists, half-yearly for probationary members).</summary>
public sealed class Evaluation
{
    private Evaluation() { Period = null!; Notes = ""; }

    /// <summary>Creates an evaluation record.</summary>
    public Evaluation(int subjectId, ObligationKind kind, Period period, bool passed, string notes, int recordedById, DateTimeOffset at)
    {
        if (DutyKinds.Of(kind).FulfilledBy != Fulfilment.EvaluationForPeriod)
            throw new ArgumentOutOfRangeException(nameof(kind));
        ArgumentNullException.ThrowIfNull(period);
        SubjectId = subjectId;
        Kind = kind;
        Period = period;
        Passed = passed;
        Notes = notes ?? "";
        RecordedById = recordedById;
        At = at;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Whom it evaluates.</summary>
    public int SubjectId { get; private set; }
    /// <summary>Which evaluation.</summary>
    public ObligationKind Kind { get; private set; }
    /// <summary>For which period.</summary>
    public Period Period { get; private set; }
    /// <summary>False: told what to fix.</summary>
    public bool Passed { get; private set; }
    /// <summary>Notes.</summary>
    public string Notes { get; private set; }
    /// <summary>The committee member who recorded it.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset At { get; private set; }
}
