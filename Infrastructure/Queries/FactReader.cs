using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Queries;

// The one way facts are read: one projection per fact table into the Domain's fact records, for a window
// [since, today]. What is read is exact for every period (of any cadence) that overlaps the window: the first
// counting version of each report (see ReviewRules.CountsAsDoneAt), every talk dated from the start of the policy's first talk period, excuses, approved
// extensions and evaluations, and the academic calendar with everyone's leave (a few rows per year and person: read whole,
// so every schedule built from these facts moves due dates and excuses alike). A reader may return more than that, never less. Texts stay in the database: a branch's worth of
// report texts would double the reads' time and memory, and nothing that computes a status needs them.
public sealed class FactReader(BranchDbContext db)
{
    // Everyone's facts of the periods overlapping [since, today].
    public Task<FactIndex> ForBranchAsync(Policy policy, DateOnly since, DateOnly today, CancellationToken ct) =>
        ForBranchAsync(policy, FactWindow.Since(since), today, ct);

    // Everyone's facts of the window's periods, per cadence (a job's window: StillOpenWindowAsync).
    public async Task<FactIndex> ForBranchAsync(Policy policy, FactWindow window, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (periods, talksFrom) = Window(policy, window, today, window.Earliest);
        return await ReadAsync(policy,
            db.Submissions.Where(s => periods.Contains(s.Period)),
            db.Talks.Where(t => t.Date >= talksFrom),
            db.Excuses.Where(e => periods.Contains(e.Period)),
            await ApprovedAsync(db.Extensions.Where(e => periods.Contains(e.Period)), ct),
            db.Evaluations.Where(e => periods.Contains(e.Period)),
            ct);
    }

    // The facts of these people, as the one who owes or the one it is about, and the extensions of `extenders`
    // (an extension of a talk is the mentor's, so the mentors of the people decide their talks' due dates).
    // The people's ids go into SQL as a subquery, not as a list of values, so that every group's query has the
    // same text and EF compiles it once (a list of N values is a new query for every N).
    public async Task<FactIndex> ForPeopleAsync(IQueryable<int> people, IQueryable<int> extenders, Policy policy, DateOnly since, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(extenders);
        var (periods, talksFrom) = Window(policy, FactWindow.Since(since), today, since);
        return await PeopleAsync(people, await ApprovedAsync(db.Extensions.Where(e => extenders.Contains(e.MemberId)), ct), policy, periods, talksFrom, ct);
    }

    // What may still be open on `today` for these people, and its facts: the window (FactWindow.StillOpen, as a
    // reminder job's with `openOn` today) is decided by the extenders' approved extensions, the only ones that move a
    // due date of what the people owe, so a group's overdue list reads the few months still open for the group, and
    // a period before the window is closed for each of them, missed or done. Ask the schedule only what is open from
    // the window's earliest day on (the schedule is built with the window and builds nothing earlier).
    public async Task<(FactIndex Facts, FactWindow Window)> StillOpenForPeopleAsync(IQueryable<int> people, IQueryable<int> extenders, Policy policy,
        DateOnly chaseFrom, DateOnly today, AcademicCalendar spans, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(extenders);
        var extensions = await ApprovedAsync(db.Extensions.Where(e => extenders.Contains(e.MemberId)), ct);
        var window = FactWindow.StillOpen(policy, chaseFrom, today, today, spans, extensions);
        var (periods, talksFrom) = Window(policy, window, today, window.Earliest);
        return (await PeopleAsync(people, extensions, policy, periods, talksFrom, ct), window);
    }

    private async Task<FactIndex> PeopleAsync(IQueryable<int> people, List<ExtensionFact> extensions, Policy policy, Period[] periods, DateOnly talksFrom, CancellationToken ct) =>
        await ReadAsync(policy,
            db.Submissions.Where(s => people.Contains(s.MemberId) && periods.Contains(s.Period)),
            db.Talks.Where(t => t.Date >= talksFrom && (people.Contains(t.MentorId) || people.Contains(t.MenteeId))),
            // A few per person and year: cheaper to read whole than to bind the window's periods as parameters again.
            db.Excuses.Where(e => people.Contains(e.SubjectId) || (e.OwnerId != null && people.Contains(e.OwnerId.Value))),
            extensions,
            db.Evaluations.Where(e => people.Contains(e.SubjectId)),
            ct);

    // Only an approved extension moves a due date.
    private static Task<List<ExtensionFact>> ApprovedAsync(IQueryable<Extension> extensions, CancellationToken ct) =>
        extensions.Where(e => e.Status == ExtensionStatus.Approved)
            .Select(e => new ExtensionFact(e.MemberId, e.Kind, e.Period, e.RequestedUntil)).ToListAsync(ct);

    // One person's facts, as the one who owes or the one it is about, and the extensions of the person and their
    // mentors, exact for the same window as ForPeopleAsync. Every statement is compiled once (EF.CompileAsyncQuery)
    // and takes the person's id as its only parameter, so a turn pays neither EF's expression pipeline nor a period
    // list: the person's reports are read whole with each version's verdict (a few dozen rows a year) in one
    // statement and decided here by the rule, then kept to the window's periods. HasReports: any version at all.
    public async Task<(FactIndex Facts, bool HasReports)> ForPersonAsync(int person, Policy policy, DateOnly since, DateOnly today, CancellationToken ct)
    {
        var (periods, talksFrom) = Window(policy, FactWindow.Since(since), today, since);
        var window = periods.ToHashSet();
        var facts = new List<FulfilmentFact>();
        var versions = new List<PersonVersion>();
        await foreach (var v in PersonReports.For(db)(db, person).WithCancellation(ct)) versions.Add(v);
        foreach (var report in versions.Where(v => window.Contains(v.Period)).GroupBy(v => (v.Kind, v.Period)).Where(r => r.Any(v => v.Version == 1)))
        {
            if (ReviewRules.CountsAsDoneAt(report.Select(v => new ReviewedVersion(v.Version, v.SubmittedAt, v.Verdict)), policy.ReturnedCountsAsDone) is { } at)
                facts.Add(FulfilmentFact.Report(person, report.Key.Kind, report.Key.Period, at));
        }
        await foreach (var t in PersonTalks.For(db)(db, person, talksFrom).WithCancellation(ct)) facts.Add(t);
        await foreach (var e in PersonEvaluations.For(db)(db, person).WithCancellation(ct)) facts.Add(e);
        var excuses = new List<ExcuseFact>();
        await foreach (var e in PersonExcuses.For(db)(db, person).WithCancellation(ct)) excuses.Add(e);
        var extensions = new List<ExtensionFact>();
        await foreach (var e in PersonExtensions.For(db)(db, person).WithCancellation(ct)) extensions.Add(e);
        return (new FactIndex(facts, excuses, extensions, await CalendarAsync(ct)), versions.Count > 0);
    }

    private sealed record PersonVersion(ObligationKind Kind, Period Period, int Version, DateTimeOffset SubmittedAt, ReviewVerdict? Verdict);

    private static readonly PerModel<Func<BranchDbContext, int, IAsyncEnumerable<PersonVersion>>> PersonReports = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int person) => db.Submissions.Where(s => s.MemberId == person)
            .Select(s => new PersonVersion(s.Kind, s.Period, s.Version, s.SubmittedAt,
                db.ReportReviews.Where(r => r.SubmissionId == s.Id).Select(r => (ReviewVerdict?)r.Verdict).FirstOrDefault()))));

    private static readonly PerModel<Func<BranchDbContext, int, DateOnly, IAsyncEnumerable<FulfilmentFact>>> PersonTalks = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int person, DateOnly from) => db.Talks.Where(t => t.Date >= from && (t.MentorId == person || t.MenteeId == person))
            .Select(t => FulfilmentFact.Talk(t.MentorId, t.MenteeId, t.Date, t.RecordedAt,
                db.TalkConfirmations.Where(c => c.TalkId == t.Id).Select(c => (TalkAnswer?)c.Answer).FirstOrDefault()))));

    private static readonly PerModel<Func<BranchDbContext, int, IAsyncEnumerable<FulfilmentFact>>> PersonEvaluations = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int person) => db.Evaluations.Where(e => e.SubjectId == person)
            .Select(e => FulfilmentFact.Evaluation(e.SubjectId, e.Kind, e.Period, e.At))));

    private static readonly PerModel<Func<BranchDbContext, int, IAsyncEnumerable<ExcuseFact>>> PersonExcuses = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int person) => db.Excuses.Where(e => e.SubjectId == person || e.OwnerId == person)
            .Select(e => new ExcuseFact(e.OwnerId, e.SubjectId, e.Kind, e.Period, e.At, null))));

    // The person's and their mentors' approved extensions (an extension of a talk is the mentor's).
    private static readonly PerModel<Func<BranchDbContext, int, IAsyncEnumerable<ExtensionFact>>> PersonExtensions = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int person) => db.Extensions
            .Where(e => e.Status == ExtensionStatus.Approved
                && (e.MemberId == person || db.MentorAssignments.Any(a => a.MenteeId == person && a.MentorId == e.MemberId)))
            .Select(e => new ExtensionFact(e.MemberId, e.Kind, e.Period, e.RequestedUntil))));

    private async Task<FactIndex> ReadAsync(Policy policy, IQueryable<Submission> reports, IQueryable<Talk> talks, IQueryable<Excuse> excuses,
        List<ExtensionFact> extensionFacts, IQueryable<Evaluation> evaluations, CancellationToken ct)
    {
        var facts = new List<FulfilmentFact>();
        facts.AddRange(await ReportsAsync(policy, reports, ct));
        facts.AddRange(await talks.Select(t => FulfilmentFact.Talk(t.MentorId, t.MenteeId, t.Date, t.RecordedAt,
            db.TalkConfirmations.Where(c => c.TalkId == t.Id).Select(c => (TalkAnswer?)c.Answer).FirstOrDefault())).ToListAsync(ct));
        facts.AddRange(await evaluations.Select(e => FulfilmentFact.Evaluation(e.SubjectId, e.Kind, e.Period, e.At)).ToListAsync(ct));
        var excuseFacts = await excuses.Select(e => new ExcuseFact(e.OwnerId, e.SubjectId, e.Kind, e.Period, e.At, null)).ToListAsync(ct);
        return new FactIndex(facts, excuseFacts, extensionFacts, await CalendarAsync(ct));
    }

    // The academic calendar's spans only: enough for a due date (HandInWindow.DueDate) and the semester, not for leave.
    public async Task<AcademicCalendar> SpansAsync(CancellationToken ct) =>
        new(await db.CalendarSpans.AsNoTracking().ToListAsync(ct));

    // The academic calendar: every span and every leave.
    public async Task<AcademicCalendar> CalendarAsync(CancellationToken ct) =>
        new(await db.CalendarSpans.AsNoTracking().ToListAsync(ct), await db.Leaves.AsNoTracking().ToListAsync(ct));

    // Each report at the instant it counts as done (ReviewRules.CountsAsDoneAt). A first version nobody returned decides,
    // as it always did, in SQL; the few reports whose first version was returned are read with all their versions and
    // verdicts and decided by the rule.
    private async Task<List<FulfilmentFact>> ReportsAsync(Policy policy, IQueryable<Submission> reports, CancellationToken ct)
    {
        if (policy.ReturnedCountsAsDone)
            return await reports.Where(s => s.Version == 1)
                .Select(s => FulfilmentFact.Report(s.MemberId, s.Kind, s.Period, s.SubmittedAt)).ToListAsync(ct);

        var returned = db.ReportReviews.Where(r => r.Verdict == ReviewVerdict.Returned);
        var facts = await reports.Where(s => s.Version == 1 && !returned.Any(r => r.SubmissionId == s.Id))
            .Select(s => FulfilmentFact.Report(s.MemberId, s.Kind, s.Period, s.SubmittedAt)).ToListAsync(ct);
        var returnedFirsts = reports.Where(s => s.Version == 1 && returned.Any(r => r.SubmissionId == s.Id));
        var versions = await db.Submissions
            .Where(s => returnedFirsts.Any(f => f.MemberId == s.MemberId && f.Kind == s.Kind && f.Period == s.Period))
            .Select(s => new
            {
                s.MemberId, s.Kind, s.Period, s.Version, s.SubmittedAt,
                Verdict = db.ReportReviews.Where(r => r.SubmissionId == s.Id).Select(r => (ReviewVerdict?)r.Verdict).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var report in versions.GroupBy(v => (v.MemberId, v.Kind, v.Period)))
        {
            if (ReviewRules.CountsAsDoneAt(report.Select(v => new ReviewedVersion(v.Version, v.SubmittedAt, v.Verdict)), returnedCountsAsDone: false) is { } at)
                facts.Add(FulfilmentFact.Report(report.Key.MemberId, report.Key.Kind, report.Key.Period, at));
        }
        return facts;
    }

    // The periods of the window through today, and the first date a talk counting for one of them can have under the
    // policy: talks are matched by date, every other fact by its period.
    private static (Period[] Periods, DateOnly TalksFrom) Window(Policy policy, FactWindow window, DateOnly today, DateOnly noTalkRules)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var periods = window.PeriodsThrough(today);
        var talksFrom = policy.Rules.Where(r => DutyKinds.Of(r.Kind).FulfilledBy == Fulfilment.TalkDatedInPeriod)
            .Select(r => Period.Containing(r.Cadence, window.From(r.Cadence)).Start)
            .DefaultIfEmpty(noTalkRules)
            .Min();
        return ([.. periods], talksFrom);
    }

    // A reminder job's window (FactWindow.StillOpen): what may still be open on `openOn` for anyone, from the approved
    // extensions of the periods since `chaseFrom` (a few rows) and the academic calendar's spans.
    public async Task<FactWindow> StillOpenWindowAsync(Policy policy, DateOnly chaseFrom, DateOnly openOn, DateOnly today, CancellationToken ct)
    {
        var periods = FactWindow.Since(chaseFrom).PeriodsThrough(today).ToArray();
        var extensions = await ApprovedAsync(db.Extensions.Where(e => periods.Contains(e.Period)), ct);
        return FactWindow.StillOpen(policy, chaseFrom, openOn, today, await SpansAsync(ct), extensions);
    }
}
