using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Queries;

// A schedule loaded for some owners: ask it about Owners and periods from Since on (OpenAt(now) does).
public sealed record LoadedSchedule(ObligationSchedule Schedule, IReadOnlyList<Member> Owners, DateOnly Since)
{
    public IReadOnlyList<Obligation> OpenAt(DateTimeOffset now) => Schedule.OpenAt(Owners, now, Since);

    // Whether the owner ever handed in a report (any version, any period), where the loader read it: one person's load does.
    public bool? HasReports { get; init; }
}

// Loads what ObligationSchedule needs to answer about a group, some members or the whole branch, and no more:
// the owners, the mentees of those who mentor (mentor duties are found through the mentee's Mentors), and the
// facts of the periods that overlap [since, today] (see FactReader). The answers are exact for what the owners
// owe and for what is owed about them (their mentors' talks, the committee's evaluations), for periods from
// `since` on.
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
        if (ids.Length == 1) return await ForPersonAsync(ids[0], branch, policy, today, since, ct);
        var ownerIds = db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id);
        return await ForOwnersAsync(ownerIds, m => ids.Contains(m.Id), branch, policy, today, since, ct);
    }

    // What the members owe that may still be open on `today` (FactReader.StillOpenForPeopleAsync): for an overdue list,
    // a few months of facts instead of a year. Ask it only what is open (OpenAt, from Since on). One person is read by
    // the person's compiled statements since HandInWindow.ChaseFrom, which answers the same.
    public async Task<LoadedSchedule> StillOpenForMembersAsync(IReadOnlyCollection<int> memberIds, Branch branch, Policy policy, DateOnly today,
        AcademicCalendar spans, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var ids = memberIds.Distinct().ToArray();
        if (ids.Length == 1) return await ForPersonAsync(ids[0], branch, policy, today, HandInWindow.ChaseFrom(branch.TrackingStartsOn, today), ct);
        var ownerIds = db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id);
        return await StillOpenForOwnersAsync(ownerIds, m => ids.Contains(m.Id), branch, policy, today, spans, ct);
    }

    // The same for a group's members (the scale benchmark's group summary).
    public async Task<LoadedSchedule> StillOpenForGroupAsync(int groupId, Branch branch, Policy policy, DateOnly today, AcademicCalendar spans, CancellationToken ct)
    {
        var ownerIds = db.Members.Where(m => m.GroupId == groupId).Select(m => m.Id);
        return await StillOpenForOwnersAsync(ownerIds, m => m.GroupId == groupId, branch, policy, today, spans, ct);
    }

    public Task<LoadedSchedule> ForBranchAsync(Branch branch, Policy policy, DateOnly today, CancellationToken ct) =>
        ForBranchAsync(branch, policy, today, branch.TrackingStartsOn, ct);

    public async Task<LoadedSchedule> ForBranchAsync(Branch branch, Policy policy, DateOnly today, DateOnly since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(policy);
        // Split: for a whole branch, EF's single-query include costs more than the second round trip.
        var members = await Members().AsSplitQuery().ToListAsync(ct);
        var facts = await new FactReader(db).ForBranchAsync(policy, since, today, ct);
        return new LoadedSchedule(new ObligationSchedule(branch, policy, members, facts), members, since);
    }

    // The whole branch with the facts of a job's window only (FactReader.StillOpenWindowAsync): the schedule owes nothing
    // before the window, so what it says is open is what is open.
    public async Task<LoadedSchedule> ForBranchAsync(Branch branch, Policy policy, DateOnly today, FactWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(window);
        var members = await Members().AsSplitQuery().ToListAsync(ct);
        var facts = await new FactReader(db).ForBranchAsync(policy, window, today, ct);
        return new LoadedSchedule(new ObligationSchedule(branch, policy, members, facts, window), members, window.Earliest);
    }

    // One person (my status, a report form, one person's page): the same answers as ForOwnersAsync, in compiled
    // statements with the id as their parameter; the person and their mentees with their mentors and history in one.
    private async Task<LoadedSchedule> ForPersonAsync(int id, Branch branch, Policy policy, DateOnly today, DateOnly since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(policy);
        var members = new List<Member>();
        await foreach (var m in PersonAndMentees.For(db)(db, id).WithCancellation(ct)) members.Add(m);
        var (facts, hasReports) = await new FactReader(db).ForPersonAsync(id, policy, since, today, ct);
        return new LoadedSchedule(new ObligationSchedule(branch, policy, members, facts), [.. members.Where(m => m.Id == id)], since) { HasReports = hasReports };
    }

    // Single query: for one person and their mentees the joined rows are few, and it saves two round trips.
    private static readonly PerModel<Func<BranchDbContext, int, IAsyncEnumerable<Member>>> PersonAndMentees = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int id) => db.Members.AsNoTracking().Include(m => m.Mentors).Include(m => m.StageChanges).AsSingleQuery()
            .Where(m => m.Id == id || db.MentorAssignments.Any(a => a.MentorId == id && a.MenteeId == m.Id))));

    private IQueryable<Member> Members() => db.Members.AsNoTracking().WithStageHistory();

    // The owners' ids go into SQL as a subquery, not as a list of values, so that every group's query has the
    // same text and EF compiles it once (a list of N values is a new query for every N).
    private async Task<LoadedSchedule> ForOwnersAsync(IQueryable<int> ids, Func<Member, bool> isOwner, Branch branch, Policy policy, DateOnly today, DateOnly since, CancellationToken ct)
    {
        var members = await OwnersAndMenteesAsync(ids, branch, policy, ct);
        var facts = await new FactReader(db).ForPeopleAsync(ids, Extenders(ids), policy, since, today, ct);
        return new LoadedSchedule(new ObligationSchedule(branch, policy, members, facts), [.. members.Where(isOwner)], since);
    }

    private async Task<LoadedSchedule> StillOpenForOwnersAsync(IQueryable<int> ids, Func<Member, bool> isOwner, Branch branch, Policy policy, DateOnly today,
        AcademicCalendar spans, CancellationToken ct)
    {
        var members = await OwnersAndMenteesAsync(ids, branch, policy, ct);
        var (facts, window) = await new FactReader(db).StillOpenForPeopleAsync(ids, Extenders(ids), policy,
            HandInWindow.ChaseFrom(branch.TrackingStartsOn, today), today, spans, ct);
        return new LoadedSchedule(new ObligationSchedule(branch, policy, members, facts, window), [.. members.Where(isOwner)], window.Earliest);
    }

    private async Task<List<Member>> OwnersAndMenteesAsync(IQueryable<int> ids, Branch branch, Policy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(policy);
        var menteeIds = db.MentorAssignments.Where(a => ids.Contains(a.MentorId)).Select(a => a.MenteeId);
        return await Members().Where(m => ids.Contains(m.Id) || menteeIds.Contains(m.Id)).ToListAsync(ct);
    }

    // The owners and their mentors: an extension of a talk is the mentor's, so the owners' mentors' extensions decide
    // their talks' due dates.
    private IQueryable<int> Extenders(IQueryable<int> ids) =>
        ids.Concat(db.MentorAssignments.Where(a => ids.Contains(a.MenteeId)).Select(a => a.MentorId));
}
