using System.Security.Claims;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tab;

/// <summary>What a signed-in person may see in the tab.</summary>
public enum TabScopeKind
{
    /// <summary>A committee member: the whole branch.</summary>
    Branch,
    /// <summary>A group leader: their group (and their mentees, if they mentor).</summary>
    Group,
    /// <summary>A mentor or introducer: their mentees.</summary>
    Mentees,
    /// <summary>Anyone else: their own history.</summary>
    Self,
}

/// <summary>
/// The signed-in person, read from the roster on every request (the session cookie carries only the member id), and the
/// people they may see. Roles come from the roster, never from the request; the Domain's rules decide the reach.
/// </summary>
public sealed class TabViewer
{
    public const string MemberClaim = "branchbot:member";

    private readonly HashSet<int> _menteeIds;

    private TabViewer(Member member, Language language, IEnumerable<int> menteeIds)
    {
        Member = member;
        Language = language;
        _menteeIds = [.. menteeIds];
    }

    public Member Member { get; }

    public Language Language { get; }

    public string T(string key, params object?[] args) => Texts.Default.Get(Language, key, args);

    public TabScopeKind Scope =>
        ChaseRules.ChasesWholeBranch(Member) ? TabScopeKind.Branch
        : Member.IsGroupLeader ? TabScopeKind.Group
        : _menteeIds.Count > 0 ? TabScopeKind.Mentees
        : TabScopeKind.Self;

    /// <summary>Whether the dashboard, the exports and the delivery page are open to this person (committee and leaders).</summary>
    public bool SeesFigures => Scope is TabScopeKind.Branch or TabScopeKind.Group;

    /// <summary>Whether this person may open <paramref name="other"/>'s page: oneself, a mentee, the leader's group, the committee everyone.</summary>
    public bool MaySee(Member other) => MaySee(other.Id, other.GroupId);

    public bool MaySee(int memberId, int groupId) =>
        memberId == Member.Id
        || _menteeIds.Contains(memberId)
        || Scope == TabScopeKind.Branch
        || (Member.IsGroupLeader && groupId == Member.GroupId);

    /// <summary>Whether this person sees the group's figures.</summary>
    public bool MaySeeGroup(int groupId) => Scope == TabScopeKind.Branch || (Member.IsGroupLeader && groupId == Member.GroupId);

    /// <summary>The people this person may see, as a query (the whole roster for the committee).</summary>
    public IQueryable<Member> Visible(BranchDbContext db)
    {
        var me = Member.Id;
        var group = Member.GroupId;
        var leader = Member.IsGroupLeader;
        var mentees = _menteeIds.ToArray();
        return Scope == TabScopeKind.Branch
            ? db.Members
            : db.Members.Where(m => m.Id == me || mentees.Contains(m.Id) || (leader && m.GroupId == group));
    }

    /// <summary>The member named by the session's claim, with their language; null when the claim is missing or the person left the roster.</summary>
    public static async Task<TabViewer?> LoadAsync(ClaimsPrincipal user, BranchDbContext db, CancellationToken ct)
    {
        if (!int.TryParse(user.FindFirstValue(MemberClaim), out var memberId)) return null;
        var member = await db.Members.AsNoTracking().WithStageHistoryOf(memberId).FirstOrDefaultAsync(ct);
        if (member is null) return null;
        var mentees = await db.MentorAssignments.Where(a => a.MentorId == memberId).Select(a => a.MenteeId).ToListAsync(ct);
        var teamsUser = await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId == memberId).OrderByDescending(u => u.Id).FirstOrDefaultAsync(ct);
        return new TabViewer(member, UserLanguage.For(teamsUser), mentees);
    }
}

internal static class TabMemberQueries
{
    public static IQueryable<Member> WithStageHistoryOf(this IQueryable<Member> members, int memberId) =>
        members.Where(m => m.Id == memberId).Include(m => m.Mentors).Include(m => m.StageChanges);
}
