using BranchBot.Domain.Meetings;

namespace BranchBot.Domain.Assessment;

/// <summary>The kinds of branch duty a group leader records on the assessment sheet (考察表).</summary>
public enum BranchDutyKind
{
    /// <summary>A dorm check (宿舍检查).</summary>
    DormCheck = 1,
    /// <summary>A class check (班级检查, attendance or discipline).</summary>
    ClassCheck = 2,
    /// <summary>A duty shift (值班).</summary>
    DutyShift = 3,
    /// <summary>Cleaning (卫生打扫).</summary>
    Cleaning = 4,
}

/// <summary>
/// Class conduct for a semester (课堂表现), a four-step scale: the grades Chinese universities use for conduct
/// (优秀 / 良好 / 合格 / 待改进). A score would promise a precision a leader's observation does not have; two steps would
/// lose the difference between good and excellent that the branch's files record.
/// </summary>
public enum ConductRating
{
    /// <summary>优秀.</summary>
    Excellent = 1,
    /// <summary>良好.</summary>
    Good = 2,
    /// <summary>合格.</summary>
    Adequate = 3,
    /// <summary>待改进.</summary>
    NeedsImprovement = 4,
}

/// <summary>One branch duty done by an activist, recorded by their group's leader or the committee. Never changed.</summary>
public sealed class BranchDutyRecord
{
    /// <summary>The longest note kept.</summary>
    public const int MaxNoteLength = 200;

    private BranchDutyRecord() { }

    /// <summary>Records <paramref name="kind"/> done by <paramref name="memberId"/> on <paramref name="date"/>.</summary>
    public BranchDutyRecord(int memberId, BranchDutyKind kind, DateOnly date, string? note, int recordedById, DateTimeOffset recordedAt)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind));
        if (note is { Length: > MaxNoteLength }) throw new ArgumentOutOfRangeException(nameof(note), "The note is too long.");
        MemberId = memberId;
        Kind = kind;
        Date = date;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Who did the duty.</summary>
    public int MemberId { get; private set; }
    /// <summary>What duty.</summary>
    public BranchDutyKind Kind { get; private set; }
    /// <summary>The local date it was done.</summary>
    public DateOnly Date { get; private set; }
    /// <summary>An optional note.</summary>
    public string? Note { get; private set; }
    /// <summary>The group leader or committee member who recorded it.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When recorded.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>One activist's class conduct in one semester (keyed by the semester's first day); a later rating replaces it.</summary>
public sealed class ConductRecord
{
    private ConductRecord() { }

    /// <summary>Rates <paramref name="memberId"/>'s conduct in the semester that starts on <paramref name="semesterStart"/>.</summary>
    public ConductRecord(int memberId, DateOnly semesterStart, ConductRating rating, string? note, int recordedById, DateTimeOffset recordedAt)
    {
        MemberId = memberId;
        SemesterStart = semesterStart;
        Rate(rating, note, recordedById, recordedAt);
    }

    /// <summary>Database id.</summary>
    public int Id { get; private set; }
    /// <summary>Whose conduct.</summary>
    public int MemberId { get; private set; }
    /// <summary>The first day of the semester rated.</summary>
    public DateOnly SemesterStart { get; private set; }
    /// <summary>The rating.</summary>
    public ConductRating Rating { get; private set; }
    /// <summary>An optional note.</summary>
    public string? Note { get; private set; }
    /// <summary>Who rated last.</summary>
    public int RecordedById { get; private set; }
    /// <summary>When rated last.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Replaces the rating and note.</summary>
    public void Rate(ConductRating rating, string? note, int recordedById, DateTimeOffset recordedAt)
    {
        if (!Enum.IsDefined(rating)) throw new ArgumentOutOfRangeException(nameof(rating));
        if (note is { Length: > BranchDutyRecord.MaxNoteLength }) throw new ArgumentOutOfRangeException(nameof(note), "The note is too long.");
        Rating = rating;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }
}

/// <summary>Why a duty or a conduct rating may not be recorded.</summary>
public enum AssessmentRefusal
{
    /// <summary>It may.</summary>
    None = 0,
    /// <summary>The recorder is neither the committee nor the leader of the person's group (or it is themselves).</summary>
    NotPermitted,
    /// <summary>The assessment sheet is kept for activists only.</summary>
    NotAnActivist,
    /// <summary>The date is after today.</summary>
    InFuture,
    /// <summary>The date is neither in this semester nor in the last one.</summary>
    OutsideSemesters,
}

/// <summary>Who records what on the assessment sheet, and for which days.</summary>
public static class AssessmentRules
{
    /// <summary>Who has a sheet: the activists.</summary>
    public static bool HasSheet(Member member) => member.Stage == Stage.Activist;

    /// <summary>The group leader for a member of their group, the committee for anyone; nobody for themselves (<see cref="ChaseRules.MayChase(Member, Member)"/>).</summary>
    public static bool MayRecord(Member recorder, Member subject) => ChaseRules.MayChase(recorder, subject);

    /// <summary>The semester of <paramref name="today"/> (or, between semesters, the one that ended last) and the one before it.</summary>
    public static IReadOnlyList<Semester> OpenSemesters(DateOnly today, Calendar.AcademicCalendar? calendar)
    {
        var current = Latest(today, calendar);
        return current is null ? [] : Latest(current.Start.AddDays(-1), calendar) is { } last ? [current, last] : [current];
    }

    /// <summary>Whether a branch duty done on <paramref name="date"/> may be recorded today by <paramref name="recorder"/> for <paramref name="subject"/>.</summary>
    public static AssessmentRefusal CheckDuty(Member recorder, Member subject, DateOnly date, DateOnly today, Calendar.AcademicCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(subject);
        if (!MayRecord(recorder, subject)) return AssessmentRefusal.NotPermitted;
        if (!HasSheet(subject)) return AssessmentRefusal.NotAnActivist;
        if (date > today) return AssessmentRefusal.InFuture;
        return OpenSemesters(today, calendar).Any(s => s.Contains(date)) ? AssessmentRefusal.None : AssessmentRefusal.OutsideSemesters;
    }

    /// <summary>Whether the conduct of the semester starting on <paramref name="semesterStart"/> may be rated today.</summary>
    public static AssessmentRefusal CheckConduct(Member recorder, Member subject, DateOnly semesterStart, DateOnly today, Calendar.AcademicCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(subject);
        if (!MayRecord(recorder, subject)) return AssessmentRefusal.NotPermitted;
        if (!HasSheet(subject)) return AssessmentRefusal.NotAnActivist;
        return OpenSemesters(today, calendar).Any(s => s.Start == semesterStart) ? AssessmentRefusal.None : AssessmentRefusal.OutsideSemesters;
    }

    // The semester containing the date, else the latest that ended before it (August, or a gap between entered semesters).
    private static Semester? Latest(DateOnly date, Calendar.AcademicCalendar? calendar)
    {
        for (var d = date; d > date.AddDays(-400); d = d.AddDays(-1))
            if (Semester.Containing(d, calendar) is { } semester) return semester;
        return null;
    }
}

/// <summary>One activist's assessment sheet for a semester: reports and talks from the facts, branch duty, class conduct.</summary>
/// <param name="Member">Whose.</param>
/// <param name="Semester">Which semester.</param>
/// <param name="ReportsHandedIn">Thought reports of the semester's months handed in (on time or late).</param>
/// <param name="ReportsOwed">Thought reports of months begun by today, neither handed in nor excused.</param>
/// <param name="ReportsExcused">Thought reports excused (by leave or by a leader).</param>
/// <param name="TalksConfirmed">Talks held with them in the semester that they confirmed.</param>
/// <param name="TalksUnconfirmed">Talks held with them not (yet) confirmed, disputed ones included: they still count.</param>
/// <param name="Duties">Branch duty done in the semester, by kind (every kind present, 0 when none).</param>
/// <param name="Conduct">The semester's class conduct, if rated.</param>
public sealed record AssessmentSheet(
    Member Member,
    Semester Semester,
    int ReportsHandedIn,
    int ReportsOwed,
    int ReportsExcused,
    int TalksConfirmed,
    int TalksUnconfirmed,
    IReadOnlyDictionary<BranchDutyKind, int> Duties,
    ConductRecord? Conduct)
{
    /// <summary>Talks held in all.</summary>
    public int Talks => TalksConfirmed + TalksUnconfirmed;

    /// <summary>Branch duties in all.</summary>
    public int DutiesTotal => Duties.Values.Sum();

    /// <summary>
    /// The sheet of <paramref name="member"/> for <paramref name="semester"/> as of <paramref name="now"/>. A thought report's
    /// month counts in the semester its first day falls in; a talk by the date it was held; a duty by its date.
    /// </summary>
    public static AssessmentSheet For(ObligationSchedule schedule, Member member, Semester semester, IEnumerable<BranchDutyRecord> duties,
        IEnumerable<ConductRecord> conduct, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(semester);
        ArgumentNullException.ThrowIfNull(duties);
        ArgumentNullException.ThrowIfNull(conduct);
        int handed = 0, owed = 0, excused = 0;
        foreach (var o in schedule.OwedBy(member, semester.Start, semester.End))
        {
            if (o.Kind != ObligationKind.ThoughtReport || o.OwnerId != member.Id || !semester.Contains(o.Period.Start)) continue;
            switch (o.StatusOn(now))
            {
                case ObligationStatus.Done or ObligationStatus.DoneLate: handed++; break;
                case ObligationStatus.Excused: excused++; break;
                case ObligationStatus.NotYetDue: break;
                default: owed++; break;
            }
        }
        var talks = schedule.Facts.Talks.Where(t => t.SubjectId == member.Id && semester.Contains(t.HeldOn!.Value) && t.At <= now).ToList();
        var confirmed = talks.Count(t => t.Answer == TalkAnswer.Confirmed);
        var counts = Enum.GetValues<BranchDutyKind>().ToDictionary(k => k, _ => 0);
        foreach (var d in duties)
            if (d.MemberId == member.Id && semester.Contains(d.Date)) counts[d.Kind]++;
        var rated = conduct.Where(c => c.MemberId == member.Id && c.SemesterStart == semester.Start).MaxBy(c => c.RecordedAt);
        return new AssessmentSheet(member, semester, handed, owed, excused, confirmed, talks.Count - confirmed, counts, rated);
    }
}
