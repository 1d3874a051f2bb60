using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Reminders;

/// <summary>Everything a job needs to decide who owes what: the branch, its policy, the roster, the facts and who Teams knows.</summary>
public sealed class BranchSnapshot
{
    private BranchSnapshot(Branch branch, Policy policy, IReadOnlyList<Group> groups, IReadOnlyList<Member> members,
        FactIndex facts, IReadOnlyDictionary<int, TeamsUser> teamsUsers)
    {
        Branch = branch;
        Policy = policy;
        Groups = groups;
        Members = members;
        TeamsUsers = teamsUsers;
        Schedule = new ObligationSchedule(branch, policy, members, facts);
        MembersById = members.ToDictionary(m => m.Id);
    }

    public Branch Branch { get; }
    public Policy Policy { get; }
    public IReadOnlyList<Group> Groups { get; }
    public IReadOnlyList<Member> Members { get; }
    public IReadOnlyDictionary<int, Member> MembersById { get; }
    /// <summary>By member id; a member without an entry has never been seen in Teams.</summary>
    public IReadOnlyDictionary<int, TeamsUser> TeamsUsers { get; }
    public ObligationSchedule Schedule { get; }

    public static async Task<BranchSnapshot> LoadAsync(BranchDbContext db, BranchOptions options, TimeProvider time, CancellationToken ct)
    {
        var stored = await db.ReadBranchSettingAsync(ct).ConfigureAwait(false);
        var branch = options.ToBranch(stored.TrackingStartsOn, options.Today(time));
        var policy = stored.Policy;
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Id).ToListAsync(ct).ConfigureAwait(false);
        var members = await db.Members.AsNoTracking().WithStageHistory().OrderBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
        var facts = await LoadFactsAsync(db, null, ct).ConfigureAwait(false);
        var users = await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null).ToListAsync(ct).ConfigureAwait(false);
        var byMember = users.GroupBy(u => u.MemberId!.Value).ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.UpdatedAt).First());
        return new BranchSnapshot(branch, policy, groups, members, facts, byMember);
    }

    /// <summary>The facts, of the given people only when <paramref name="memberIds"/> is set; report and talk texts are not read.</summary>
    public static async Task<FactIndex> LoadFactsAsync(BranchDbContext db, IReadOnlyCollection<int>? memberIds, CancellationToken ct)
    {
        var ids = memberIds?.ToList();
        var submissions = await (ids is null ? db.Submissions : db.Submissions.Where(s => ids.Contains(s.MemberId)))
            .Select(s => new { s.MemberId, s.Kind, s.Period, s.SubmittedAt, s.Version }).ToListAsync(ct).ConfigureAwait(false);
        var talks = await (ids is null ? db.Talks : db.Talks.Where(t => ids.Contains(t.MentorId) || ids.Contains(t.MenteeId)))
            .Select(t => new { t.MentorId, t.MenteeId, t.Date, t.Mode, t.RecordedAt }).ToListAsync(ct).ConfigureAwait(false);
        var excuses = await (ids is null ? db.Excuses : db.Excuses.Where(x => ids.Contains(x.SubjectId) || (x.OwnerId != null && ids.Contains(x.OwnerId.Value))))
            .AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var extensions = await (ids is null ? db.Extensions : db.Extensions.Where(x => ids.Contains(x.MemberId)))
            .AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var evaluations = await (ids is null ? db.Evaluations : db.Evaluations.Where(x => ids.Contains(x.SubjectId)))
            .AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return new FactIndex(
            submissions.Select(s => new Submission(s.MemberId, s.Kind, s.Period, "-", s.SubmittedAt, s.Version, null)),
            talks.Select(t => new Talk(t.MentorId, t.MenteeId, t.Date, t.Mode, "-", "-", null, t.RecordedAt, null)),
            excuses, extensions, evaluations);
    }
}
