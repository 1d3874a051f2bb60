using BranchBot.Domain;
using BranchBot.Domain.Dues;
using BranchBot.Domain.Pipeline;
using BranchBot.Domain.Transfers;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Reminders;

/// <summary>Everything a job needs to decide who owes what: the branch, its policy, the roster, the facts and who Teams knows.</summary>
public sealed class BranchSnapshot
{
    private BranchSnapshot(Branch branch, Policy policy, IReadOnlyList<Group> groups, IReadOnlyList<Member> members,
        FactIndex facts, FactWindow window, IReadOnlyDictionary<int, TeamsUser> teamsUsers, DateOnly since, DateOnly today, IReadOnlyList<StageDecision> probationDecisions,
        IReadOnlyList<Selection> openSelections)
    {
        ProbationDecisions = probationDecisions;
        OpenSelections = openSelections;
        Since = since;
        Today = today;
        Branch = branch;
        Policy = policy;
        Groups = groups;
        Members = members;
        TeamsUsers = teamsUsers;
        Window = window;
        Schedule = new ObligationSchedule(branch, policy, members, facts, window);
        MembersById = members.ToDictionary(m => m.Id);
    }

    public Branch Branch { get; }
    public Policy Policy { get; }
    public IReadOnlyList<Group> Groups { get; }
    public IReadOnlyList<Member> Members { get; }
    public IReadOnlyDictionary<int, Member> MembersById { get; }
    /// <summary>The committee on the active roster on <paramref name="day"/>: a member transferred out (组织关系转接) is told nothing more.</summary>
    public IEnumerable<Member> CommitteeOn(DateOnly day) => Members.Where(m => m.IsCommittee && m.IsActiveOn(day));
    /// <summary>By member id; a member without an entry has never been seen in Teams.</summary>
    public IReadOnlyDictionary<int, TeamsUser> TeamsUsers { get; }
    public ObligationSchedule Schedule { get; }
    /// <summary>
    /// The first day a question to <see cref="Schedule"/> may start, as a turn's (<see cref="HandInWindow.ChaseFrom"/>); the
    /// schedule answers from <see cref="Window"/> on, where its facts begin.
    /// </summary>
    public DateOnly Since { get; }
    /// <summary>The periods whose facts are loaded (<see cref="LoadAsync(BranchDbContext, BranchOptions, TimeProvider, DateTimeOffset, SnapshotParts, int, CancellationToken)"/>).</summary>
    public FactWindow Window { get; }
    /// <summary>What was loaded besides the roster and who Teams knows.</summary>
    public SnapshotParts Parts { get; private init; }
    /// <summary>Postponements and other outcomes of probations: what moves or closes a probation's end.</summary>
    public IReadOnlyList<StageDecision> ProbationDecisions { get; }
    /// <summary>Selections of activists not yet concluded, with their objections: public notices that may have ended.</summary>
    public IReadOnlyList<Selection> OpenSelections { get; }
    /// <summary>Graduate transfers (组织关系转接): every letter, with its receipt once back.</summary>
    public IReadOnlyList<Transfer> Transfers { get; private init; } = [];
    /// <summary>The local date the snapshot was loaded for.</summary>
    public DateOnly Today { get; }
    /// <summary>Every member's dues rates (党费 standards).</summary>
    public IReadOnlyList<DuesRate> DuesRates { get; private init; } = [];
    /// <summary>The dues payments of this month and the last: who is not reminded.</summary>
    public IReadOnlyList<DuesPayment> DuesPayments { get; private init; } = [];

    /// <summary>
    /// Loads what the jobs need at <paramref name="asOf"/> (default: now): every part, the facts of what may still be open today.
    /// </summary>
    public static Task<BranchSnapshot> LoadAsync(BranchDbContext db, BranchOptions options, TimeProvider time, CancellationToken ct) =>
        LoadAsync(db, options, time, time.GetUtcNow(), ct);

    /// <inheritdoc cref="LoadAsync(BranchDbContext, BranchOptions, TimeProvider, CancellationToken)"/>
    public static Task<BranchSnapshot> LoadAsync(BranchDbContext db, BranchOptions options, TimeProvider time, DateTimeOffset asOf, CancellationToken ct) =>
        LoadAsync(db, options, time, asOf, SnapshotParts.All, catchUpDays: 0, ct);

    /// <summary>
    /// Loads the <paramref name="parts"/> a job needs at <paramref name="asOf"/>. The facts are those of the job's window
    /// (<see cref="FactWindow.StillOpen"/>): per cadence, from the first period since <see cref="HandInWindow.ChaseFrom"/>
    /// that may still be open on the first day of the catch-up, so every obligation the job can remind, chase, list as
    /// open or count for a summary of the catch-up is built with its facts, and no earlier one is built at all
    /// (<see cref="ObligationSchedule.Window"/>). Without <see cref="SnapshotParts.Obligations"/> no fact is read.
    /// </summary>
    public static Task<BranchSnapshot> LoadAsync(BranchDbContext db, BranchOptions options, TimeProvider time, DateTimeOffset asOf,
        SnapshotParts parts, int catchUpDays, CancellationToken ct) =>
        LoadAsync(db, options, time, asOf, parts, catchUpDays, everyFact: false, ct);

    /// <summary>
    /// Every part with every fact since <see cref="HandInWindow.ChaseFrom"/>, as the jobs read before their window
    /// (<see cref="FactWindow.Since"/>): the full computation the tests compare the jobs' plans with.
    /// </summary>
    internal static Task<BranchSnapshot> LoadEveryFactAsync(BranchDbContext db, BranchOptions options, TimeProvider time, DateTimeOffset asOf, CancellationToken ct) =>
        LoadAsync(db, options, time, asOf, SnapshotParts.All, catchUpDays: 0, everyFact: true, ct);

    private static async Task<BranchSnapshot> LoadAsync(BranchDbContext db, BranchOptions options, TimeProvider time, DateTimeOffset asOf,
        SnapshotParts parts, int catchUpDays, bool everyFact, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(catchUpDays);
        var stored = await db.ReadBranchSettingAsync(ct).ConfigureAwait(false);
        var branch = options.ToBranch(stored.TrackingStartsOn, options.Today(time));
        var policy = stored.Policy;
        var today = branch.LocalDate(asOf);
        var since = HandInWindow.ChaseFrom(branch.TrackingStartsOn, today);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Id).ToListAsync(ct).ConfigureAwait(false);
        var members = await db.Members.AsNoTracking().WithStageHistory().OrderBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
        var reader = new FactReader(db);
        FactWindow window;
        FactIndex facts;
        if (parts.HasFlag(SnapshotParts.Obligations))
        {
            window = everyFact ? FactWindow.Since(since) : await reader.StillOpenWindowAsync(policy, since, today.AddDays(-catchUpDays), today, ct).ConfigureAwait(false);
            facts = await reader.ForBranchAsync(policy, window, today, ct).ConfigureAwait(false);
        }
        else
        {
            // A job without obligations (dues, the pipeline) never asks the schedule: no fact is read for it.
            window = FactWindow.Since(today);
            facts = new FactIndex();
        }
        var users = await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null).ToListAsync(ct).ConfigureAwait(false);
        var byMember = users.GroupBy(u => u.MemberId!.Value).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.UpdatedAt).First());
        IReadOnlyList<StageDecision> probationDecisions = [];
        IReadOnlyList<Selection> openSelections = [];
        IReadOnlyList<Transfer> transfers = [];
        if (parts.HasFlag(SnapshotParts.Pipeline))
        {
            probationDecisions = await db.StageDecisions.AsNoTracking()
                .Where(d => d.Kind == StageDecisionKind.Postponement || d.Kind == StageDecisionKind.OtherOutcome).ToListAsync(ct).ConfigureAwait(false);
            openSelections = await db.Selections.AsNoTracking().Include(s => s.Objections).Where(s => s.Outcome == null).OrderBy(s => s.Id)
                .ToListAsync(ct).ConfigureAwait(false);
            transfers = await db.Transfers.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct).ConfigureAwait(false);
        }
        IReadOnlyList<DuesRate> duesRates = [];
        IReadOnlyList<DuesPayment> duesPayments = [];
        if (parts.HasFlag(SnapshotParts.Dues))
        {
            var (thisMonth, lastMonth) = (Period.Containing(Cadence.Monthly, today), Period.Containing(Cadence.Monthly, today).Previous());
            duesRates = await db.DuesRates.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            duesPayments = await db.DuesPayments.AsNoTracking().Where(p => p.Month == thisMonth || p.Month == lastMonth).ToListAsync(ct).ConfigureAwait(false);
        }
        return new BranchSnapshot(branch, policy, groups, members, facts, window, byMember, since, today, probationDecisions, openSelections)
        {
            Parts = parts,
            DuesRates = duesRates,
            DuesPayments = duesPayments,
            Transfers = transfers,
        };
    }

    /// <summary>The facts of the given people in the snapshot's window, read again (the dispatcher's re-check before sending).</summary>
    public Task<FactIndex> ReloadFactsAsync(BranchDbContext db, IReadOnlyCollection<int> memberIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = memberIds.ToList();
        var people = db.Members.Where(m => ids.Contains(m.Id)).Select(m => m.Id);
        return new FactReader(db).ForPeopleAsync(people, people, Policy, Window.Earliest, Today, ct);
    }
}

/// <summary>What a job's snapshot loads besides the roster and who Teams knows.</summary>
[Flags]
public enum SnapshotParts
{
    /// <summary>The facts of the job's window: reminders, overdue notices, the leader and committee summaries.</summary>
    Obligations = 1,
    /// <summary>Probation decisions, open selections and transfers: the pipeline's milestones.</summary>
    Pipeline = 2,
    /// <summary>Dues rates and this and last month's payments.</summary>
    Dues = 4,
    All = Obligations | Pipeline | Dues,
}
