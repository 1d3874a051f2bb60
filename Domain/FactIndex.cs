namespace BranchBot.Domain;

/// <summary>
/// The recorded facts (reports, talks, evaluations, excuses, approved extensions) and the academic calendar with the
/// people's leave (read with them, so every schedule built from the same facts moves and excuses alike), indexed once so that finding
/// what fulfils, excuses or extends an obligation is a dictionary lookup.
/// </summary>
public sealed class FactIndex
{
    private readonly Dictionary<FactKey, DateTimeOffset> _reports = [];
    private readonly Dictionary<FactKey, DateTimeOffset> _talksByMonth = [];
    private readonly Dictionary<FactKey, DateOnly> _talkDatesByMonth = [];
    private readonly Dictionary<FactKey, DateTimeOffset> _evaluations = [];
    private readonly Dictionary<FactKey, ExcuseFact> _excuses = [];
    private readonly Dictionary<FactKey, ExtensionFact> _extensions = [];

    /// <summary>Indexes the facts; any of them may be omitted.</summary>
    public FactIndex(IEnumerable<FulfilmentFact>? facts = null, IEnumerable<ExcuseFact>? excuses = null, IEnumerable<ExtensionFact>? extensions = null,
        Calendar.AcademicCalendar? calendar = null)
    {
        Calendar = calendar ?? Domain.Calendar.AcademicCalendar.Empty;
        var reports = new List<FulfilmentFact>();
        var talks = new List<FulfilmentFact>();
        var evaluations = new List<FulfilmentFact>();
        foreach (var f in facts ?? [])
        {
            switch (DutyKinds.Of(f.Kind).FulfilledBy)
            {
                case Fulfilment.TalkDatedInPeriod:
                    var date = f.HeldOn!.Value;
                    talks.Add(f);
                    var key = new FactKey(f.Kind, f.OwnerId ?? int.MinValue, f.SubjectId, MonthCode(date.Year, date.Month));
                    KeepEarliest(_talksByMonth, key, f.At);
                    if (!_talkDatesByMonth.TryGetValue(key, out var known) || date < known) _talkDatesByMonth[key] = date;
                    break;
                case Fulfilment.EvaluationForPeriod:
                    evaluations.Add(f);
                    KeepEarliest(_evaluations, new(f.Kind, null, f.SubjectId, f.Period!), f.At);
                    break;
                case Fulfilment.ReportForPeriod:
                    reports.Add(f);
                    KeepEarliest(_reports, new(f.Kind, f.OwnerId, f.SubjectId, f.Period!), f.At);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(facts), f.Kind, "No way to match this fact to a period.");
            }
        }
        Reports = reports;
        Talks = talks;
        Evaluations = evaluations;
        Excuses = [.. excuses ?? []];
        Extensions = [.. extensions ?? []];

        foreach (var x in Excuses)
        {
            var key = new FactKey(x.Kind, x.OwnerId, x.SubjectId, x.Period);
            if (!_excuses.TryGetValue(key, out var known) || x.At < known.At) _excuses[key] = x;
        }
        foreach (var x in Extensions)
        {
            var key = new FactKey(x.Kind, x.MemberId, x.MemberId, x.Period);
            if (!_extensions.TryGetValue(key, out var known) || x.Until > known.Until) _extensions[key] = x;
        }
    }

    /// <summary>No facts at all.</summary>
    public static FactIndex Empty { get; } = new();

    /// <summary>The reports given, each at the instant it counts as done (see <see cref="ReviewRules.CountsAsDoneAt"/>); the earliest per report decides.</summary>
    public IReadOnlyList<FulfilmentFact> Reports { get; }
    /// <summary>All talks.</summary>
    public IReadOnlyList<FulfilmentFact> Talks { get; }
    /// <summary>All evaluations.</summary>
    public IReadOnlyList<FulfilmentFact> Evaluations { get; }
    /// <summary>All excuses.</summary>
    public IReadOnlyList<ExcuseFact> Excuses { get; }
    /// <summary>All approved extensions.</summary>
    public IReadOnlyList<ExtensionFact> Extensions { get; }
    /// <summary>The academic calendar (breaks move due dates) and the people's leave (excuses their duties).</summary>
    public Calendar.AcademicCalendar Calendar { get; }

    /// <summary>When the member first submitted this kind of report for the period, if ever.</summary>
    public DateTimeOffset? ReportSubmittedAt(int memberId, ObligationKind kind, Period period) =>
        _reports.TryGetValue(new(kind, memberId, memberId, period), out var at) ? at : null;

    /// <summary>When the first talk of the mentor with the mentee dated inside the period was recorded, if any.</summary>
    public DateTimeOffset? TalkRecordedAt(int mentorId, int menteeId, Period period)
    {
        DateTimeOffset? earliest = null;
        var firstMonth = (period.Number - 1) * (int)period.Cadence + 1;
        for (var i = 0; i < (int)period.Cadence; i++)
        {
            if (_talksByMonth.TryGetValue(new(ObligationKind.Talk, mentorId, menteeId, MonthCode(period.Year, firstMonth + i)), out var at) && (earliest is null || at < earliest))
                earliest = at;
        }
        return earliest;
    }

    /// <summary>The date of the earliest talk of the mentor with the mentee held inside the period, if any.</summary>
    public DateOnly? TalkHeldOn(int mentorId, int menteeId, Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        DateOnly? earliest = null;
        var firstMonth = (period.Number - 1) * (int)period.Cadence + 1;
        for (var i = 0; i < (int)period.Cadence; i++)
        {
            if (_talkDatesByMonth.TryGetValue(new(ObligationKind.Talk, mentorId, menteeId, MonthCode(period.Year, firstMonth + i)), out var on) && (earliest is null || on < earliest))
                earliest = on;
        }
        return earliest;
    }

    /// <summary>When the committee recorded this evaluation of the subject for the period, if it did.</summary>
    public DateTimeOffset? EvaluatedAt(int subjectId, ObligationKind kind, Period period) =>
        _evaluations.TryGetValue(new(kind, null, subjectId, period), out var at) ? at : null;

    /// <summary>When the obligation with this owner, subject, kind and period was fulfilled, if it was.</summary>
    public DateTimeOffset? FulfilledAt(ObligationKind kind, int? ownerId, int subjectId, Period period) => DutyKinds.Of(kind).FulfilledBy switch
    {
        Fulfilment.ReportForPeriod => ReportSubmittedAt(subjectId, kind, period),
        Fulfilment.TalkDatedInPeriod => ownerId is { } mentor ? TalkRecordedAt(mentor, subjectId, period) : null,
        Fulfilment.EvaluationForPeriod => EvaluatedAt(subjectId, kind, period),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No way to match a fact to this kind's period."),
    };

    /// <summary>The (earliest) excuse for exactly this owner, subject, kind and period.</summary>
    public ExcuseFact? ExcuseFor(ObligationKind kind, int? ownerId, int subjectId, Period period) =>
        _excuses.GetValueOrDefault(new(kind, ownerId, subjectId, period));

    /// <summary>
    /// The excuse personal leave gives this duty: the owner's leave, else the subject's (a mentor's talk with a mentee who
    /// is away, the committee's evaluation of someone away), covering at least half of the period
    /// (<see cref="Calendar.AcademicCalendar.LeaveExcusing"/>); it counts from when the leave was recorded.
    /// </summary>
    public ExcuseFact? LeaveExcuseFor(ObligationKind kind, int? ownerId, int subjectId, Period period)
    {
        var leave = (ownerId is { } owner ? Calendar.LeaveExcusing(owner, period) : null) ?? Calendar.LeaveExcusing(subjectId, period);
        return leave is null ? null : new ExcuseFact(ownerId, subjectId, kind, period, leave.RecordedAt, leave);
    }

    /// <summary>The approved extension (the latest date if several) of this person's obligation of this kind and period.</summary>
    public ExtensionFact? ApprovedExtension(ObligationKind kind, int memberId, Period period) =>
        _extensions.GetValueOrDefault(new(kind, memberId, memberId, period));

    /// <summary>For each report (member, kind, period), when its first version was received.</summary>
    internal IEnumerable<(int MemberId, ObligationKind Kind, DateTimeOffset At)> FirstReports() =>
        _reports.Select(r => (r.Key.Subject, r.Key.Kind, r.Value));

    private static void KeepEarliest(Dictionary<FactKey, DateTimeOffset> index, FactKey key, DateTimeOffset at)
    {
        if (!index.TryGetValue(key, out var known) || at < known) index[key] = at;
    }

    // Periods folded to an int so that hashing a key does not go through the record's equality contract.
    private static int PeriodCode(Cadence cadence, int year, int number) => ((int)cadence * 10_000 + year) * 100 + number;
    private static int MonthCode(int year, int month) => PeriodCode(Cadence.Monthly, year, month);

    private readonly record struct FactKey(ObligationKind Kind, int Owner, int Subject, int PeriodCode)
    {
        public FactKey(ObligationKind kind, int? owner, int subject, Period period)
            : this(kind, owner ?? int.MinValue, subject, FactIndex.PeriodCode(period.Cadence, period.Year, period.Number)) { }
    }
}
