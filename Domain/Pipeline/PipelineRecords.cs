namespace BranchBot.Domain.Pipeline;

/// <summary>What the committee decided about a person's stage.</summary>
public enum StageDecisionKind
{
    /// <summary>Activist → development target: opinions heard, committee decision, filed upward.</summary>
    Development = 1,
    /// <summary>Development target → probationary member: branch meeting's decision and the upper approval.</summary>
    Admission = 2,
    /// <summary>Probationary → full member on time (按期转正), from the day the probation ends.</summary>
    Conversion = 3,
    /// <summary>The probation is extended (延长预备期) to <see cref="StageDecision.NewEnd"/>.</summary>
    Postponement = 4,
    /// <summary>Another outcome of the probation (e.g. 取消预备党员资格), with the reason in <see cref="StageDecision.Note"/>; the stage is not changed by the bot.</summary>
    OtherOutcome = 5,
    /// <summary>Cultivation stopped (停止培养): the activist is an applicant again from <see cref="StageDecision.DecidedOn"/>, with the reason in <see cref="StageDecision.Note"/>.</summary>
    Stopped = 6,
}

/// <summary>
/// The record of a committee decision that moved a person on, beside the <see cref="StageChange"/> it made. Only ever
/// added; <see cref="IdempotencyKey"/> (recorder and card) makes a double click one decision.
/// </summary>
public sealed class StageDecision
{
    private StageDecision() { IdempotencyKey = ""; }

    private StageDecision(int subjectId, StageDecisionKind kind, DateOnly decidedOn, DateOnly confirmedOn, int recordedById, DateTimeOffset at, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (confirmedOn < decidedOn) throw new ArgumentOutOfRangeException(nameof(confirmedOn), confirmedOn, "Confirmed before it was decided.");
        SubjectId = subjectId;
        Kind = kind;
        DecidedOn = decidedOn;
        ConfirmedOn = confirmedOn;
        RecordedById = recordedById;
        At = at;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>The committee made an activist a development target on <paramref name="decidedOn"/>, having heard the opinions, and filed it upward on <paramref name="filedUpwardOn"/>.</summary>
    public static StageDecision Development(int subjectId, DateOnly decidedOn, DateOnly filedUpwardOn, int recordedById, DateTimeOffset at, string idempotencyKey) =>
        new(subjectId, StageDecisionKind.Development, decidedOn, filedUpwardOn, recordedById, at, idempotencyKey);

    /// <summary>The branch meeting admitted a development target on <paramref name="meetingOn"/>; the upper organisation approved on <paramref name="approvedOn"/>.</summary>
    public static StageDecision Admission(int subjectId, DateOnly meetingOn, DateOnly approvedOn, int recordedById, DateTimeOffset at, string idempotencyKey) =>
        new(subjectId, StageDecisionKind.Admission, meetingOn, approvedOn, recordedById, at, idempotencyKey);

    /// <summary>The branch meeting decided, on <paramref name="meetingOn"/>, the outcome of a probation: conversion, a postponement to <paramref name="newEnd"/>, or another outcome with its reason.</summary>
    public static StageDecision ProbationOutcome(int subjectId, StageDecisionKind kind, DateOnly meetingOn, DateOnly? newEnd, string? note, int recordedById, DateTimeOffset at, string idempotencyKey)
    {
        if (kind is not (StageDecisionKind.Conversion or StageDecisionKind.Postponement or StageDecisionKind.OtherOutcome)) throw new ArgumentOutOfRangeException(nameof(kind));
        if ((kind == StageDecisionKind.Postponement) != newEnd.HasValue) throw new ArgumentException("A postponement, and only a postponement, has a new end.", nameof(newEnd));
        if (kind == StageDecisionKind.OtherOutcome && string.IsNullOrWhiteSpace(note)) throw new ArgumentException("Another outcome needs its reason.", nameof(note));
        return new(subjectId, kind, meetingOn, meetingOn, recordedById, at, idempotencyKey) { NewEnd = newEnd, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() };
    }

    /// <summary>
    /// The committee stopped an activist's cultivation on <paramref name="decidedOn"/> for <paramref name="reason"/>
    /// (<see cref="ActivistEvaluationRules.MayStop"/> says when it may).
    /// </summary>
    public static StageDecision Stop(int subjectId, DateOnly decidedOn, string reason, int recordedById, DateTimeOffset at, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(subjectId, StageDecisionKind.Stopped, decidedOn, decidedOn, recordedById, at, idempotencyKey) { Note = reason.Trim() };
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Whose stage.</summary>
    public int SubjectId { get; private set; }
    /// <summary>Which decision.</summary>
    public StageDecisionKind Kind { get; private set; }
    /// <summary>The committee's (development) or the branch meeting's (admission) decision date; the new stage begins on it.</summary>
    public DateOnly DecidedOn { get; private set; }
    /// <summary>The filing upward (development) or the upper approval (admission).</summary>
    public DateOnly ConfirmedOn { get; private set; }
    /// <summary>A postponement's new end of the probation.</summary>
    public DateOnly? NewEnd { get; private set; }
    /// <summary>The reason, for a postponement or another outcome.</summary>
    public string? Note { get; private set; }
    /// <summary>The committee member who recorded it.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When it was recorded.</summary>
    public DateTimeOffset At { get; private set; }
    /// <summary>Recorder and card: one decision per card.</summary>
    public string IdempotencyKey { get; private set; }
}

/// <summary>One committee member's marks for a development target's public defence; re-scoring replaces them.</summary>
public sealed class DefenceScore
{
    private DefenceScore() { }

    /// <summary>Scores the defence of the development-target stage that began on <paramref name="stageSince"/>.</summary>
    public DefenceScore(int subjectId, DateOnly stageSince, int scorerId, DefenceMarks marks, DateTimeOffset at)
    {
        if (subjectId == scorerId) throw new ArgumentException("Nobody scores their own defence.", nameof(scorerId));
        SubjectId = subjectId;
        StageSince = stageSince;
        ScorerId = scorerId;
        Rescore(marks, at);
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Who defended.</summary>
    public int SubjectId { get; private set; }
    /// <summary>The start of the development-target stage defended: a later stage's defence is scored anew.</summary>
    public DateOnly StageSince { get; private set; }
    /// <summary>The committee member who scored.</summary>
    public int ScorerId { get; private set; }
    /// <summary>Defence mark, 0 to 100.</summary>
    public int Defence { get; private set; }
    /// <summary>Daily work and conduct mark, 0 to 100.</summary>
    public int DailyWork { get; private set; }
    /// <summary>When scored (last).</summary>
    public DateTimeOffset At { get; private set; }
    /// <summary>The marks as the scoring rule takes them.</summary>
    public DefenceMarks Marks => new(Defence, DailyWork);

    /// <summary>Replaces the marks (validated by <see cref="DefenceScoring.Score"/>).</summary>
    public void Rescore(DefenceMarks marks, DateTimeOffset at)
    {
        DefenceScoring.Score(marks);
        Defence = marks.Defence;
        DailyWork = marks.DailyWork;
        At = at;
    }
}
