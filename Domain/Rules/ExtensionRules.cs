namespace BranchBot.Domain;

/// <summary>
/// Who decides a request for more time (its length is <see cref="Policy.ExtensionDays"/>, its date
/// <see cref="HandInWindow.ExtendedDueDate"/>): the requester's group leader, and the committee too, never the requester.
/// </summary>
public static class ExtensionRules
{
    /// <summary>
    /// The offices asked besides the group leaders: they decide when the group has no other leader (a leader's own
    /// request, or a group without one).
    /// </summary>
    public const Roles CommitteeDeciders = Roles.OrganizationMember | Roles.Secretary;

    /// <summary>Whether <paramref name="decider"/> may approve or decline <paramref name="requester"/>'s request: a leader of their group or any committee member, never themselves.</summary>
    public static bool MayDecide(Member decider, Member requester) =>
        decider.Id != requester.Id && ((decider.IsGroupLeader && decider.GroupId == requester.GroupId) || decider.IsCommittee);
}
