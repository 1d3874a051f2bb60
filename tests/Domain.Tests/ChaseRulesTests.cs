namespace BranchBot.Domain.Tests;

public class ChaseRulesTests
{
    [Theory]
    [InlineData(Roles.GroupLeader, 1, true)]
    [InlineData(Roles.GroupLeader, 2, false)]
    [InlineData(Roles.OrganizationMember, 2, true)]
    [InlineData(Roles.GroupLeader | Roles.PropagandaMember, 2, true)]
    [InlineData(Roles.None, 1, false)]
    public void MayChase_ChasersOfficeAndGroup_OwnGroupForLeaderEveryoneForCommittee(Roles roles, int chaserGroup, bool expected)
    {
        var member = MemberBuilder.Activist(1).InGroup(1).Build();
        var chaser = MemberBuilder.Full(2).InGroup(chaserGroup).WithRoles(roles).Build();

        Assert.Equal(expected, ChaseRules.MayChase(chaser, member));
    }

    [Fact]
    public void MayChase_Themselves_IsFalse()
    {
        var leader = MemberBuilder.Full(1).InGroup(1).WithRoles(Roles.GroupLeader | Roles.Secretary).Build();

        Assert.False(ChaseRules.MayChase(leader, leader));
    }

    [Theory]
    [InlineData(Roles.GroupLeader, true, false)]
    [InlineData(Roles.DeputySecretary, true, true)]
    [InlineData(Roles.None, false, false)]
    public void IsChaser_Office_LeadersAndCommitteeChaseOnlyCommitteeSeesTheBranch(Roles roles, bool chaser, bool wholeBranch)
    {
        var member = MemberBuilder.Full(1).WithRoles(roles).Build();

        Assert.Equal((chaser, wholeBranch), (ChaseRules.IsChaser(member), ChaseRules.ChasesWholeBranch(member)));
    }
}
