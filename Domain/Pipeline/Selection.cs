namespace BranchBot.Domain.Pipeline;

/// <summary>Who recommended a candidate for the selection of activists.</summary>
public enum Recommender
{
    /// <summary>A party member of the branch (推优 by members), named in <see cref="Selection.RecommenderId"/>.</summary>
    Member = 1,
    /// <summary>The Youth League (团组织推优).</summary>
    YouthLeague = 2,
}

/// <summary>How the committee resolved an objection to a public notice.</summary>
public enum ObjectionResolution
{
    /// <summary>The objection holds: the candidate is not admitted.</summary>
    Upheld = 1,
    /// <summary>The objection does not hold: the notice can end.</summary>
    Dismissed = 2,
}

/// <summary>How a selection ended.</summary>
public enum SelectionOutcome
{
    /// <summary>The notice ended without an open objection: the person became an activist, filed upward.</summary>
    Admitted = 1,
    /// <summary>An objection was upheld.</summary>
    NotAdmitted = 2,
}

/// <summary>Where a selection stands on a day, computed from its dates, objections and outcome.</summary>
public enum SelectionState
{
    /// <summary>The public notice runs; objections may be sent.</summary>
    NoticeRunning = 1,
    /// <summary>An objection is open: the decision is held until the committee resolves it.</summary>
    Held = 2,
    /// <summary>The notice ended without an open objection: the committee concludes it (the person becomes an activist).</summary>
    ReadyToConclude = 3,
    /// <summary>Concluded: the person is an activist.</summary>
    Admitted = 4,
    /// <summary>An objection was upheld.</summary>
    NotAdmitted = 5,
}

/// <summary>
/// The selection of one candidate as an activist (入党积极分子的确定): the recommendation, the committee's decision and
/// the public notice (公示) with its objections. Only ever extended; <see cref="IdempotencyKey"/> (recorder and card)
/// makes a double click one selection.
/// </summary>
public sealed class Selection
{
    private readonly List<SelectionObjection> _objections = [];

    private Selection() { IdempotencyKey = ""; }

    /// <summary>
    /// The committee decided on <paramref name="decidedOn"/> to select the candidate; the notice runs for
    /// <paramref name="noticeDays"/> days from <paramref name="noticeStartsOn"/>. A recommendation by a member names them.
    /// </summary>
    public Selection(int subjectId, Recommender recommendedBy, int? recommenderId, DateOnly decidedOn, DateOnly noticeStartsOn, int noticeDays,
        int recordedById, DateTimeOffset at, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (!Enum.IsDefined(recommendedBy)) throw new ArgumentOutOfRangeException(nameof(recommendedBy));
        if ((recommendedBy == Recommender.Member) != recommenderId.HasValue) throw new ArgumentException("A member's recommendation, and only one, names the member.", nameof(recommenderId));
        if (recommenderId == subjectId) throw new ArgumentException("Nobody recommends themselves.", nameof(recommenderId));
        if (noticeStartsOn < decidedOn) throw new ArgumentOutOfRangeException(nameof(noticeStartsOn), noticeStartsOn, "The notice starts before the decision.");
        SubjectId = subjectId;
        RecommendedBy = recommendedBy;
        RecommenderId = recommenderId;
        DecidedOn = decidedOn;
        NoticeStartsOn = noticeStartsOn;
        NoticeEndsOn = SelectionRules.NoticeEndsOn(noticeStartsOn, noticeDays);
        RecordedById = recordedById;
        At = at;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The candidate.</summary>
    public int SubjectId { get; private set; }
    /// <summary>Members or the Youth League.</summary>
    public Recommender RecommendedBy { get; private set; }
    /// <summary>The recommending member, for a member's recommendation.</summary>
    public int? RecommenderId { get; private set; }
    /// <summary>The committee's decision date.</summary>
    public DateOnly DecidedOn { get; private set; }
    /// <summary>The notice's first day.</summary>
    public DateOnly NoticeStartsOn { get; private set; }
    /// <summary>The notice's last day (objections are taken until its end).</summary>
    public DateOnly NoticeEndsOn { get; private set; }
    /// <summary>The committee member who recorded it.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When it was recorded.</summary>
    public DateTimeOffset At { get; private set; }
    /// <summary>Recorder and card: one selection per card.</summary>
    public string IdempotencyKey { get; private set; }
    /// <summary>How it ended; null while it runs or is held.</summary>
    public SelectionOutcome? Outcome { get; private set; }
    /// <summary>Admitted: the first day as an activist. Not admitted: the day the objection was upheld.</summary>
    public DateOnly? OutcomeOn { get; private set; }
    /// <summary>Admitted: the day the branch filed it upward (报上级党组织备案).</summary>
    public DateOnly? FiledUpwardOn { get; private set; }
    /// <summary>Admitted: the committee member who concluded it and recorded the filing.</summary>
    public int? ConcludedById { get; private set; }
    /// <summary>The objections sent during the notice.</summary>
    public IReadOnlyList<SelectionObjection> Objections => _objections;

    /// <summary>Records an objection; <see cref="SelectionRules.MayObject"/> says whether one is taken on the day.</summary>
    public SelectionObjection Object(int objectorId, string reason, DateOnly on, DateTimeOffset at, string idempotencyKey)
    {
        if (SelectionRules.MayObject(this, on) != ObjectionVerdict.Allowed) throw new InvalidOperationException("The notice takes no objection on this day.");
        var objection = new SelectionObjection(objectorId, reason, at, idempotencyKey);
        _objections.Add(objection);
        return objection;
    }

    /// <summary>Resolves an open objection; upheld, the candidate is not admitted (from <paramref name="on"/>).</summary>
    public void Resolve(SelectionObjection objection, ObjectionResolution resolution, string? note, int resolvedById, DateOnly on, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(objection);
        if (!_objections.Contains(objection)) throw new ArgumentException("Not an objection to this selection.", nameof(objection));
        if (Outcome is not null) throw new InvalidOperationException("The selection has ended.");
        objection.Resolve(resolution, note, resolvedById, on, at);
        if (resolution == ObjectionResolution.Upheld)
        {
            Outcome = SelectionOutcome.NotAdmitted;
            OutcomeOn = on;
        }
    }

    /// <summary>Concludes the selection on <paramref name="today"/>: the person is an activist from <see cref="SelectionRules.ActivistFrom"/>, filed upward on <paramref name="filedUpwardOn"/>.</summary>
    public DateOnly Conclude(DateOnly today, DateOnly filedUpwardOn, int concludedById)
    {
        if (SelectionRules.StateOn(this, today) != SelectionState.ReadyToConclude) throw new InvalidOperationException("The selection cannot be concluded on this day.");
        var from = SelectionRules.ActivistFrom(this);
        if (filedUpwardOn < from || filedUpwardOn > today) throw new ArgumentOutOfRangeException(nameof(filedUpwardOn), filedUpwardOn, "Filed upward before the person became an activist, or in the future.");
        Outcome = SelectionOutcome.Admitted;
        OutcomeOn = from;
        FiledUpwardOn = filedUpwardOn;
        ConcludedById = concludedById;
        return from;
    }
}

/// <summary>An objection (异议) to a public notice, with its reason, and the committee's resolution once made.</summary>
public sealed class SelectionObjection
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    private SelectionObjection() { Reason = ""; IdempotencyKey = ""; }

    internal SelectionObjection(int objectorId, string reason, DateTimeOffset at, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        reason = reason.Trim();
        if (reason.Length > MaxReasonLength) throw new ArgumentOutOfRangeException(nameof(reason), "The reason is too long.");
        ObjectorId = objectorId;
        Reason = reason;
        At = at;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The selection objected to.</summary>
    public long SelectionId { get; private set; }
    /// <summary>Who objected (a person on the roster).</summary>
    public int ObjectorId { get; private set; }
    /// <summary>Why.</summary>
    public string Reason { get; private set; }
    /// <summary>When it was sent.</summary>
    public DateTimeOffset At { get; private set; }
    /// <summary>Objector and card: one objection per card.</summary>
    public string IdempotencyKey { get; private set; }
    /// <summary>Null while open.</summary>
    public ObjectionResolution? Resolution { get; private set; }
    /// <summary>The committee's note on the resolution.</summary>
    public string? ResolutionNote { get; private set; }
    /// <summary>The committee member who resolved it.</summary>
    public int? ResolvedById { get; private set; }
    /// <summary>The local day it was resolved.</summary>
    public DateOnly? ResolvedOn { get; private set; }
    /// <summary>When it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }
    /// <summary>Whether the committee has yet to resolve it.</summary>
    public bool IsOpen => Resolution is null;

    internal void Resolve(ObjectionResolution resolution, string? note, int resolvedById, DateOnly on, DateTimeOffset at)
    {
        if (!Enum.IsDefined(resolution)) throw new ArgumentOutOfRangeException(nameof(resolution));
        if (!IsOpen) throw new InvalidOperationException("The objection was resolved already.");
        Resolution = resolution;
        ResolutionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ResolvedById = resolvedById;
        ResolvedOn = on;
        ResolvedAt = at;
    }
}

/// <summary>Why an objection is or is not taken on a day.</summary>
public enum ObjectionVerdict
{
    /// <summary>The notice runs (or is held by another objection) and has not ended.</summary>
    Allowed = 1,
    /// <summary>The notice has not begun.</summary>
    NotStarted = 2,
    /// <summary>The notice's last day has passed.</summary>
    NoticeOver = 3,
    /// <summary>The selection has ended (admitted, or an objection upheld).</summary>
    Ended = 4,
}

/// <summary>The rules of the selection of activists: the public notice, objections, and when the person becomes an activist.</summary>
public static class SelectionRules
{
    /// <summary>The public notice (公示) runs for a week, the seed's "one-week public notice", unless the policy says otherwise (<see cref="Policy.SelectionNoticeDays"/>).</summary>
    public const int DefaultNoticeDays = 7;

    /// <summary>Who may be selected: a person on the roster who is an applicant (not yet, or no longer, an activist).</summary>
    public static bool MayBeCandidate(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Stage == Stage.Applicant;
    }

    /// <summary>The notice's last day: <paramref name="days"/> days counted from the first (7 from Monday: the Sunday).</summary>
    public static DateOnly NoticeEndsOn(DateOnly startsOn, int days)
    {
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), days, "A notice runs at least a day.");
        return startsOn.AddDays(days - 1);
    }

    /// <summary>Whether anyone on the roster may object on <paramref name="on"/>: from the first to the last day of the notice, until the selection ends.</summary>
    public static ObjectionVerdict MayObject(Selection selection, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Outcome is not null) return ObjectionVerdict.Ended;
        if (on < selection.NoticeStartsOn) return ObjectionVerdict.NotStarted;
        if (on > selection.NoticeEndsOn) return ObjectionVerdict.NoticeOver;
        return ObjectionVerdict.Allowed;
    }

    /// <summary>
    /// Where the selection stands on <paramref name="today"/>: ended by its outcome; held while an objection is open (even
    /// after the notice's last day); running until the last day; then ready to be concluded.
    /// </summary>
    public static SelectionState StateOn(Selection selection, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return selection.Outcome switch
        {
            SelectionOutcome.Admitted => SelectionState.Admitted,
            SelectionOutcome.NotAdmitted => SelectionState.NotAdmitted,
            _ when selection.Objections.Any(o => o.IsOpen) => SelectionState.Held,
            _ when today <= selection.NoticeEndsOn => SelectionState.NoticeRunning,
            _ => SelectionState.ReadyToConclude,
        };
    }

    /// <summary>
    /// The first day as an activist: the day after the notice's last day, or, when an objection was dismissed later than
    /// that, the day it was dismissed (the decision was held until then).
    /// </summary>
    public static DateOnly ActivistFrom(Selection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var from = selection.NoticeEndsOn.AddDays(1);
        foreach (var o in selection.Objections)
            if (o.Resolution == ObjectionResolution.Dismissed && o.ResolvedOn > from) from = o.ResolvedOn.Value;
        return from;
    }
}
