namespace BranchBot.Domain.Tests;

public class ExportRulesTests
{
    [Theory]
    [InlineData(Roles.Secretary, null, true)]
    [InlineData(Roles.OrganizationMember, 2, true)]
    [InlineData(Roles.GroupLeader, 1, true)]
    [InlineData(Roles.GroupLeader, 2, false)]
    [InlineData(Roles.GroupLeader, null, false)]
    [InlineData(Roles.None, 1, false)]
    [InlineData(Roles.None, null, false)]
    public void MayExport_OfficeAndScope_CommitteeAnythingLeaderOwnGroupOthersNothing(Roles roles, int? groupId, bool expected)
    {
        var member = MemberBuilder.Full(1).InGroup(1).WithRoles(roles).Build();

        Assert.Equal(expected, ExportRules.MayExport(member, groupId));
    }

    [Fact]
    public void Years_OnADay_AreThisYearAndTheFourBeforeNewestFirst()
    {
        Assert.Equal([2026, 2025, 2024, 2023, 2022], ExportRules.Years(new DateOnly(2026, 1, 1)));
    }
}
