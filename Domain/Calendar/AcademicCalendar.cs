namespace BranchBot.Domain.Calendar;

/// <summary>What a dated span of the academic calendar is.</summary>
public enum SpanKind
{
    /// <summary>学期: a semester (teaching time; deadlines stay).</summary>
    Semester = 1,
    /// <summary>寒假.</summary>
    WinterVacation = 2,
    /// <summary>暑假.</summary>
    SummerVacation = 3,
    /// <summary>国庆假期.</summary>
    NationalDay = 4,
    /// <summary>考试周.</summary>
    ExamWeek = 5,
}

/// <summary>Why a person is away.</summary>
public enum LeaveKind
{
    /// <summary>休学.</summary>
    Suspension = 1,
    /// <summary>交换 (exchange abroad or at another university).</summary>
    Exchange = 2,
    /// <summary>病假.</summary>
    Sick = 3,
}

/// <summary>One dated span of the academic calendar (both days inclusive), entered by the committee.</summary>
public sealed class CalendarSpan
{
    private CalendarSpan() { }

    /// <summary>Creates a span; throws when it ends before it starts or the kind is unknown.</summary>
    public CalendarSpan(SpanKind kind, DateOnly start, DateOnly end)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of span.");
        if (end < start) throw new ArgumentException("A span ends on or after its first day.", nameof(end));
        Kind = kind;
        Start = start;
        End = end;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>What it is.</summary>
    public SpanKind Kind { get; private set; }
    /// <summary>First day.</summary>
    public DateOnly Start { get; private set; }
    /// <summary>Last day (inclusive).</summary>
    public DateOnly End { get; private set; }

    /// <summary>A vacation or exam week: a deadline inside it moves after it.</summary>
    public bool IsBreak => Kind != SpanKind.Semester;

    /// <summary>Whether the date is inside it.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}

/// <summary>Why a span of the academic calendar was refused.</summary>
public enum SpanProblem
{
    /// <summary>The last day is before the first.</summary>
    EndBeforeStart = 1,
    /// <summary>Another span of the same kind shares a day with it.</summary>
    Overlaps = 2,
}

/// <summary>What the committee may enter as the academic calendar, from a card or the calendar file.</summary>
public static class CalendarSpanRules
{
    /// <summary>The first span of the same kind that shares a day with start–end, by first day; null when none does.</summary>
    public static CalendarSpan? Overlapping(SpanKind kind, DateOnly start, DateOnly end, IEnumerable<CalendarSpan> spans) =>
        spans.Where(s => s.Kind == kind && s.Start <= end && s.End >= start).OrderBy(s => s.Start).FirstOrDefault();

    /// <summary>
    /// A new span ends on or after its first day and shares no day with another span of its kind (two semesters, or two
    /// winter vacations, never overlap; an exam week inside a semester is fine). Null when it may be entered.
    /// </summary>
    public static SpanProblem? Check(SpanKind kind, DateOnly start, DateOnly end, IEnumerable<CalendarSpan> existing) =>
        end < start ? SpanProblem.EndBeforeStart
        : Overlapping(kind, start, end, existing) is not null ? SpanProblem.Overlaps
        : null;
}

/// <summary>A person's personal leave (休学, exchange, sick leave) for dates (both inclusive), recorded by the committee.</summary>
public sealed class Leave
{
    private Leave() { Reason = ""; }

    /// <summary>Creates a leave; throws when it ends before it starts.</summary>
    public Leave(int memberId, LeaveKind kind, DateOnly start, DateOnly end, string? reason, int? recordedById, DateTimeOffset recordedAt)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of leave.");
        if (end < start) throw new ArgumentException("A leave ends on or after its first day.", nameof(end));
        MemberId = memberId;
        Kind = kind;
        Start = start;
        End = end;
        Reason = reason?.Trim() ?? "";
        if (Reason.Length > ReasonMaxLength) throw new ArgumentException($"A leave's note is at most {ReasonMaxLength} characters.", nameof(reason));
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>Who is away.</summary>
    public int MemberId { get; private set; }
    /// <summary>Why.</summary>
    public LeaveKind Kind { get; private set; }
    /// <summary>First day away.</summary>
    public DateOnly Start { get; private set; }
    /// <summary>Last day away (inclusive).</summary>
    public DateOnly End { get; private set; }
    /// <summary>The longest note kept.</summary>
    public const int ReasonMaxLength = 200;
    /// <summary>A note, possibly empty.</summary>
    public string Reason { get; private set; }
    /// <summary>The committee member who recorded it (null: imported from a file).</summary>
    public int? RecordedById { get; private set; }
    /// <summary>When it was recorded: an excuse it gives counts from then.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>
/// The branch's academic calendar: semesters, vacations and exam weeks, and the people's personal leave. Answers
/// where a deadline moves (<see cref="MoveOutOfBreaks"/>), which semester a date is in (<see cref="SemesterContaining"/>)
/// and whether a person's leave excuses a period (<see cref="LeaveExcusing"/>). Without spans every date stays where it is.
/// </summary>
public sealed class AcademicCalendar
{
    private readonly CalendarSpan[] _breaks;
    private readonly CalendarSpan[] _semesters;
    private readonly Dictionary<int, Leave[]> _leaves;

    /// <summary>Creates the calendar from its spans and leaves; either may be omitted.</summary>
    public AcademicCalendar(IEnumerable<CalendarSpan>? spans = null, IEnumerable<Leave>? leaves = null)
    {
        Spans = [.. (spans ?? []).OrderBy(s => s.Start).ThenBy(s => s.Kind)];
        _breaks = [.. Spans.Where(s => s.IsBreak)];
        _semesters = [.. Spans.Where(s => !s.IsBreak)];
        Leaves = [.. (leaves ?? []).OrderBy(l => l.Start)];
        _leaves = Leaves.GroupBy(l => l.MemberId).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>No spans and no leave: the placeholder semesters, and deadlines stay.</summary>
    public static AcademicCalendar Empty { get; } = new();

    /// <summary>The spans, by first day.</summary>
    public IReadOnlyList<CalendarSpan> Spans { get; }
    /// <summary>All recorded leave, by first day.</summary>
    public IReadOnlyList<Leave> Leaves { get; }

    /// <summary>Whether any semester is entered (else <see cref="SemesterContaining"/> uses the placeholder).</summary>
    public bool HasSemesters => _semesters.Length > 0;

    /// <summary>
    /// The due date after the breaks: a date inside a vacation or exam week moves to the break's last day plus
    /// <paramref name="daysAfterBreak"/>; if that day is inside another break (an exam week followed by the winter
    /// vacation), it moves again after that one, and so on. A date outside every break stays. With 0 days, the break's last day.
    /// </summary>
    public DateOnly MoveOutOfBreaks(DateOnly dueDate, int daysAfterBreak)
    {
        if (daysAfterBreak < 0) throw new ArgumentOutOfRangeException(nameof(daysAfterBreak), daysAfterBreak, "Days after a break cannot be negative.");
        var date = dueDate;
        // Each move goes strictly later (with 0 days: to a later break's end), so the loop ends.
        while (true)
        {
            var inside = _breaks.Where(b => b.Contains(date) && (daysAfterBreak > 0 || b.End > date)).MaxBy(b => b.End);
            if (inside is null) return date;
            date = inside.End.AddDays(daysAfterBreak);
        }
    }

    /// <summary>The entered semester containing the date (null between semesters); the placeholder when none is entered.</summary>
    public Meetings.Semester? SemesterContaining(DateOnly date)
    {
        if (!HasSemesters) return Meetings.Semester.Containing(date);
        return _semesters.Where(s => s.Contains(date)).Select(s => new Meetings.Semester(s.Start, s.End)).FirstOrDefault();
    }

    /// <summary>The person's leave overlapping the date range, by first day.</summary>
    public IReadOnlyList<Leave> LeaveOf(int memberId, DateOnly from, DateOnly to) =>
        _leaves.TryGetValue(memberId, out var all) ? [.. all.Where(l => l.Start <= to && l.End >= from)] : [];

    /// <summary>
    /// The leave that excuses the person from a duty of the period: their leave covers at least half of the period's days
    /// (a month: 15 of 30; several leaves add up, a day counted once). Of several, the one recorded first; null when the
    /// leave covers less.
    /// </summary>
    public Leave? LeaveExcusing(int memberId, Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!_leaves.TryGetValue(memberId, out var all)) return null;
        var overlapping = all.Where(l => l.Start <= period.End && l.End >= period.Start).ToArray();
        if (overlapping.Length == 0) return null;
        var covered = 0;
        var cursor = period.Start;
        foreach (var l in overlapping.OrderBy(l => l.Start))
        {
            var from = l.Start > cursor ? l.Start : cursor;
            var to = l.End < period.End ? l.End : period.End;
            if (to >= from) { covered += to.DayNumber - from.DayNumber + 1; cursor = to.AddDays(1); }
        }
        var days = period.End.DayNumber - period.Start.DayNumber + 1;
        return covered * 2 >= days ? overlapping.MinBy(l => l.RecordedAt) : null;
    }
}
