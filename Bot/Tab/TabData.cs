using BranchBot.Bot.Conversation;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tab;

/// <summary>
/// What the tab's figures are computed from, for the viewer's reach only: the branch and its policy, the instant (from
/// the injected clock), the schedule of the people in scope (the committee: everyone; a leader: their group) over the
/// trend's months and the chase window, and the groups. Statuses are the Domain's (<see cref="Obligation.StatusOn"/>).
/// </summary>
public sealed class TabData
{
    /// <summary>The trend covers this month and the five before it.</summary>
    public const int TrendMonths = 6;

    private TabData(Branch branch, Policy policy, DateTimeOffset now, LoadedSchedule loaded, IReadOnlyList<Group> groups, DateOnly chaseFrom)
    {
        Branch = branch;
        Policy = policy;
        Now = now;
        Loaded = loaded;
        Groups = groups;
        ChaseFrom = chaseFrom;
        Today = branch.LocalDate(now);
        var current = Period.Containing(Cadence.Monthly, Today);
        var months = new List<Period> { current };
        while (months.Count < TrendMonths && months[0].Previous() is { } previous && previous.End >= branch.TrackingStartsOn) months.Insert(0, previous);
        Months = months;
    }

    public Branch Branch { get; }
    public Policy Policy { get; }
    public DateTimeOffset Now { get; }
    public DateOnly Today { get; }
    public DateOnly ChaseFrom { get; }
    public LoadedSchedule Loaded { get; }
    public ObligationSchedule Schedule => Loaded.Schedule;
    /// <summary>The people whose duties are counted (the viewer's reach).</summary>
    public IReadOnlyList<Member> Owners => Loaded.Owners;
    /// <summary>The groups in reach, by name.</summary>
    public IReadOnlyList<Group> Groups { get; }
    /// <summary>The trend's months, oldest first, none before the branch's tracking start.</summary>
    public IReadOnlyList<Period> Months { get; }

    public static async Task<TabData> LoadAsync(TabViewer viewer, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var (branch, policy) = await state.LoadAsync(db, ct);
        var now = time.GetUtcNow();
        var today = branch.LocalDate(now);
        var chaseFrom = HandInWindow.ChaseFrom(branch.TrackingStartsOn, today);
        var trendFrom = Period.Containing(Cadence.Monthly, today).Start.AddMonths(-(TrendMonths - 1));
        var since = trendFrom < chaseFrom ? (trendFrom < branch.TrackingStartsOn ? branch.TrackingStartsOn : trendFrom) : chaseFrom;
        var loader = new ObligationLoader(db);
        var wholeBranch = viewer.Scope == TabScopeKind.Branch;
        var loaded = wholeBranch
            ? await loader.ForBranchAsync(branch, policy, today, since, ct)
            : await loader.ForGroupAsync(viewer.Member.GroupId, branch, policy, today, since, ct);
        var groupId = viewer.Member.GroupId;
        var groups = await db.Groups.AsNoTracking().Where(g => wholeBranch || g.Id == groupId).OrderBy(g => g.Name).ToListAsync(ct);
        return new TabData(branch, policy, now, loaded, groups, chaseFrom);
    }

    /// <summary>What the members owe for the periods that end in the month (monthly ones, and quarterly or half-yearly ones ending then).</summary>
    public IReadOnlyList<Obligation> EndingIn(IEnumerable<Member> members, Period month) =>
        [.. members.SelectMany(m => Schedule.OwedBy(m, month.Start, month.End)).Where(o => o.Period.End >= month.Start && o.Period.End <= month.End)];

    public GroupCompletion CompletionIn(IEnumerable<Member> members, Period month, ObligationKind? kind = null)
    {
        var owed = EndingIn(members, month).Where(o => kind is null || o.Kind == kind).ToList();
        return GroupCompletion.Of([.. owed.Select(o => o.Period).Distinct().Order()], owed, Now);
    }

    public IEnumerable<Member> MembersOf(int groupId) => Owners.Where(m => m.GroupId == groupId);

    /// <summary>The duty kinds the policy asks of members (not the committee's own), in the policy's order.</summary>
    public IReadOnlyList<ObligationKind> MemberKinds =>
        [.. Policy.Rules.Where(r => r.Owner != Owner.Committee).Select(r => r.Kind).Distinct()];

    /// <summary>Open obligations that are overdue or due soon now, from the chase window, soonest first.</summary>
    public IReadOnlyList<(Obligation Obligation, ObligationStatus Status)> Pressing() =>
        [.. Loaded.Schedule.OpenAt(Owners, Now, ChaseFrom)
            .Select(o => (o, o.StatusOn(Now)))
            .Where(x => x.Item2 is ObligationStatus.Overdue or ObligationStatus.DueSoon)];
}
