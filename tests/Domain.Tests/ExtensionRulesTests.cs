namespace BranchBot.Domain.Tests;

public class ExtensionRulesTests
{
    [Theory]
    [InlineData(Roles.GroupLeader, 1, true)]
    [InlineData(Roles.GroupLeader, 2, false)]
    [InlineData(Roles.Secretary, 2, true)]
    [InlineData(Roles.DisciplineMember, 2, true)]
    [InlineData(Roles.None, 1, false)]
    public void MayDecide_DecidersOfficeAndGroup_LeaderOfTheGroupOrCommittee(Roles roles, int deciderGroup, bool expected)
    {
        var requester = MemberBuilder.Activist(1).InGroup(1).Build();
        var decider = MemberBuilder.Full(2).InGroup(deciderGroup).WithRoles(roles).Build();

        Assert.Equal(expected, ExtensionRules.MayDecide(decider, requester));
    }

    [Fact]
    public void MayDecide_OwnRequest_IsRefusedEvenToTheCommittee()
    {
        var leader = MemberBuilder.Full(1).InGroup(1).WithRoles(Roles.GroupLeader | Roles.Secretary).Build();

        Assert.False(ExtensionRules.MayDecide(leader, leader));
    }
}
