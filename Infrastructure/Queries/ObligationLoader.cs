using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Queries;

// A schedule loaded for some owners: ask it about Owners and periods from Since on (OpenAt(now) does).
public sealed record LoadedSchedule(ObligationSchedule Schedule, IReadOnlyList<Member> Owners, DateOnly Since)
{
    public IReadOnlyList<Obligation> OpenAt(DateTimeOffset now) => Schedule.OpenAt(Owners, now, Since);
}

// Loads what ObligationSchedule needs to answer about a group, some members or the whole branch, and no more:
// the owners, the mentees of those who mentor (mentor duties are found through the mentee's Mentors), and the
// reports and talks of the periods that overlap [since, today] (for a group or some members, their excuses,
// extensions and evaluations of any period). Only first versions of reports are read (the earliest one decides),
// only approved extensions, and no texts (see NotLoaded). The answers are exact for what the owners owe and for
// what is owed about them (their mentors' talks, the committee's evaluations), for periods from `since` on.
public sealed class ObligationLoader(BranchDbContext db)
{
    public Task<LoadedSchedule> ForGroupAsync(int groupId, Branch branch, Policy policy, DateOnly today, CancellationToken ct) =>
        ForGroupAsync(groupId, branch, policy, today, branch.TrackingStartsOn, ct);

    public async Task<LoadedSchedule> ForGroupAsync(int groupId, Branch branch, Policy policy, DateOnly today, DateOnly since, CancellationToken ct)
    {
        var ownerIds = db.Members.Where(m => m.GroupId == groupId).Select(m => m.Id);
        return await ForOwnersAsync(ownerIds, m => m.GroupId == groupId, branch, policy, today, since, ct);
    }

    public Task<LoadedSchedule> ForMembersAsync(IReadOnlyCollection<int> memberIds, Branch branch, Policy policy, DateOnly today, CancellationToken ct) =>
        ForMembersAsync(memberIds, branch, policy, today, branch.TrackingStartsOn, ct);

    public async Task<LoadedSchedule> ForMembersAsync(IReadOnlyCollection<int> memberIds, Branch branch, Policy policy, DateOnly today, DateOnly since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var ids = memberIds.Distinct().ToArray();
        var ownerIds = db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id);
        return await ForOwnersAsync(ownerIds, m => ids.Contains(m.Id), branch, policy, today, since, ct);
    }

    public Task<LoadedSchedule> ForBranchAsync(Branch branch, Policy policy, DateOnly today, CancellationToken ct) =>
        ForBranchAsync(branch, policy, today, branch.TrackingStartsOn, ct);

    public async Task<LoadedSchedule> ForBranchAsync(Branch branch, Policy policy, DateOnly today, DateOnly since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(policy);
        var (periods, from) = Window(policy, since, today);
        var members = await Members().ToListAsync(ct);
        var facts = new FactIndex(
            await Reports(db.Submissions.Where(s => periods.Contains(s.Period))).ToListAsync(ct),
            await Talks(db.Talks.Where(t => t.Date >= from)).ToListAsync(ct),
            await Excuses(db.Excuses.Where(e => periods.Contains(e.Period))).ToListAsync(ct),
            await Extensions(db.Extensions.Where(e => periods.Contains(e.Period))).ToListAsync(ct),
            await Evaluations(db.Evaluations.Where(e => periods.Contains(e.Period))).ToListAsync(ct));
        return new LoadedSchedule(new ObligationSchedule(branch, policy, members, facts), members, since);
    }

    private IQueryable<Member> Members() => db.Members.AsNoTracking().WithStageHistory();

    // The owners' ids go into SQL as a subquery, not as a list of values, so that every group's query has the
    // same text and EF compiles it once (a list of N values is a new query for every N).
    private async Task<LoadedSchedule> ForOwnersAsync(IQueryable<int> ids, Func<Member, bool> isOwner, Branch branch, Policy policy, DateOnly today, DateOnly since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(policy);
        var (periods, from) = Window(policy, since, today);
        var menteeIds = db.MentorAssignments.Where(a => ids.Contains(a.MentorId)).Select(a => a.MenteeId);
        var members = await Members().Where(m => ids.Contains(m.Id) || menteeIds.Contains(m.Id)).ToListAsync(ct);
        // An extension of a talk is the mentor's, so the owners' mentors' extensions decide their talks' due dates.
        var extenders = ids.Concat(db.MentorAssignments.Where(a => ids.Contains(a.MenteeId)).Select(a => a.MentorId));
        var facts = new FactIndex(
            await Reports(db.Submissions.Where(s => ids.Contains(s.MemberId) && periods.Contains(s.Period))).ToListAsync(ct),
            await Talks(db.Talks.Where(t => t.Date >= from && (ids.Contains(t.MentorId) || ids.Contains(t.MenteeId)))).ToListAsync(ct),
            // A few per person and year: cheaper to read whole than to bind the window's periods as parameters again.
            await Excuses(db.Excuses.Where(e => ids.Contains(e.SubjectId) || (e.OwnerId != null && ids.Contains(e.OwnerId.Value)))).ToListAsync(ct),
            await Extensions(db.Extensions.Where(e => extenders.Contains(e.MemberId))).ToListAsync(ct),
            await Evaluations(db.Evaluations.Where(e => ids.Contains(e.SubjectId))).ToListAsync(ct));
        return new LoadedSchedule(new ObligationSchedule(branch, policy, members, facts), [.. members.Where(isOwner)], since);
    }

    // Facts are read to match obligations only, so their texts stay in the database: a branch's worth of report
    // texts would double the reads' time and memory. What would be the text reads NotLoaded.
    private const string NotLoaded = "…";

    private static IQueryable<Submission> Reports(IQueryable<Submission> q) =>
        q.Where(s => s.Version == 1)
            .Select(s => new Submission(s.MemberId, s.Kind, s.Period, NotLoaded, s.SubmittedAt, s.Version, null));

    private static IQueryable<Talk> Talks(IQueryable<Talk> q) =>
        q.Select(t => new Talk(t.MentorId, t.MenteeId, t.Date, t.Mode, NotLoaded, NotLoaded, null, t.RecordedAt, null));

    private static IQueryable<Excuse> Excuses(IQueryable<Excuse> q) =>
        q.Select(e => new Excuse(e.OwnerId, e.SubjectId, e.Kind, e.Period, NotLoaded, e.ExcusedById, e.At));

    // Only an approved extension moves a due date; it is rebuilt approved, as it was decided.
    private static IQueryable<Extension> Extensions(IQueryable<Extension> q) =>
        q.Where(e => e.Status == ExtensionStatus.Approved)
            .Select(e => Approved(e.MemberId, e.Kind, e.Period, e.RequestedUntil, e.RequestedAt, e.DecidedById, e.DecidedAt));

    private static IQueryable<Evaluation> Evaluations(IQueryable<Evaluation> q) =>
        q.Select(e => new Evaluation(e.SubjectId, e.Kind, e.Period, e.Passed, NotLoaded, e.RecordedById, e.At));

    private static Extension Approved(int memberId, ObligationKind kind, Period period, DateOnly until, DateTimeOffset requestedAt, int? decidedById, DateTimeOffset? decidedAt)
    {
        var extension = new Extension(memberId, kind, period, until, NotLoaded, requestedAt);
        extension.Decide(approve: true, decidedById ?? 0, decidedAt ?? requestedAt);
        return extension;
    }

    // The periods of every cadence that overlap [since, today], and the first date a talk counting for one of them
    // can have: talks are matched by date, every other fact by its period.
    private static (Period[] Periods, DateOnly TalksFrom) Window(Policy policy, DateOnly since, DateOnly today)
    {
        var periods = new List<Period>();
        foreach (var cadence in new[] { Cadence.Monthly, Cadence.Quarterly, Cadence.HalfYearly })
            for (var p = Period.Containing(cadence, since); p.Start <= today; p = p.Next())
                periods.Add(p);
        var talksFrom = policy.Rules.Where(r => r.Kind == ObligationKind.Talk)
            .Select(r => Period.Containing(r.Cadence, since).Start)
            .DefaultIfEmpty(since)
            .Min();
        return ([.. periods], talksFrom);
    }
}
