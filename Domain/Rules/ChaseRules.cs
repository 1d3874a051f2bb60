namespace BranchBot.Domain;

/// <summary>
/// Whom a member may chase (nudge) about overdue duties or excuse from one: a group leader their own group, a
/// committee member everyone, nobody themselves. How far back is chased is <see cref="HandInWindow"/>'s.
/// </summary>
public static class ChaseRules
{
    /// <summary>Whether the member chases anyone at all, i.e. may open the overdue list.</summary>
    public static bool IsChaser(Member member) => member.IsGroupLeader || member.IsCommittee;

    /// <summary>Whether the chaser sees the whole branch's list; a leader who is not on the committee sees their group's.</summary>
    public static bool ChasesWholeBranch(Member chaser) => chaser.IsCommittee;

    /// <summary>Whether <paramref name="chaser"/> may nudge or excuse <paramref name="member"/>.</summary>
    public static bool MayChase(Member chaser, Member member) => MayChase(chaser, member.Id, member.GroupId);

    /// <summary>The same, for a member known only by id and group.</summary>
    public static bool MayChase(Member chaser, int memberId, int memberGroupId) =>
        memberId != chaser.Id && (chaser.IsCommittee || (chaser.IsGroupLeader && memberGroupId == chaser.GroupId));
}
