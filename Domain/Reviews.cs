namespace BranchBot.Domain;

/// <summary>What a reviewer decided about one version of a report.</summary>
public enum ReviewVerdict
{
    /// <summary>Accepted: the report stands.</summary>
    Accepted = 1,
    /// <summary>Returned for rework, with a reason: the student hands in a new version.</summary>
    Returned = 2,
}

/// <summary>
/// A group leader's or committee member's decision on one version of a report (<see cref="Submission"/>), with their
/// comment. One per version: a second decision on the same version is refused.
/// </summary>
public sealed class ReportReview
{
    private ReportReview() { Comment = ""; }

    /// <summary>Creates a review; a returned report needs a reason.</summary>
    public ReportReview(long submissionId, int reviewerId, ReviewVerdict verdict, string? comment, DateTimeOffset at)
    {
        if (!Enum.IsDefined(verdict)) throw new ArgumentOutOfRangeException(nameof(verdict));
        if (verdict == ReviewVerdict.Returned && string.IsNullOrWhiteSpace(comment))
            throw new ArgumentException("A report returned for rework needs a reason.", nameof(comment));
        SubmissionId = submissionId;
        ReviewerId = reviewerId;
        Verdict = verdict;
        Comment = comment?.Trim() ?? "";
        At = at;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The version reviewed.</summary>
    public long SubmissionId { get; private set; }
    /// <summary>Who decided.</summary>
    public int ReviewerId { get; private set; }
    /// <summary>Accepted or returned.</summary>
    public ReviewVerdict Verdict { get; private set; }
    /// <summary>The reviewer's comment; for a returned report, the reason ("" when an acceptance has none).</summary>
    public string Comment { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset At { get; private set; }
}

/// <summary>How a mentee answered the record of a talk their mentor logged.</summary>
public enum TalkAnswer
{
    /// <summary>The mentee confirms the talk took place as recorded.</summary>
    Confirmed = 1,
    /// <summary>The mentee disputes the record, with a note.</summary>
    Disputed = 2,
}

/// <summary>The mentee's answer to a logged talk: one per talk, given by the mentee only.</summary>
public sealed class TalkConfirmation
{
    private TalkConfirmation() { Note = ""; }

    /// <summary>Creates an answer; a dispute needs a note.</summary>
    public TalkConfirmation(long talkId, int menteeId, TalkAnswer answer, string? note, DateTimeOffset at)
    {
        if (!Enum.IsDefined(answer)) throw new ArgumentOutOfRangeException(nameof(answer));
        if (answer == TalkAnswer.Disputed && string.IsNullOrWhiteSpace(note))
            throw new ArgumentException("A disputed talk needs a note.", nameof(note));
        TalkId = talkId;
        MenteeId = menteeId;
        Answer = answer;
        Note = note?.Trim() ?? "";
        At = at;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The talk answered.</summary>
    public long TalkId { get; private set; }
    /// <summary>The mentee who answered.</summary>
    public int MenteeId { get; private set; }
    /// <summary>Confirmed or disputed.</summary>
    public TalkAnswer Answer { get; private set; }
    /// <summary>The mentee's note ("" when a confirmation has none).</summary>
    public string Note { get; private set; }
    /// <summary>When.</summary>
    public DateTimeOffset At { get; private set; }
}
