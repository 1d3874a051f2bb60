namespace BranchBot.Domain.Tests;

public class RosterRulesTests
{
    [Theory]
    [InlineData(Stage.Applicant, 0, 0)]
    [InlineData(Stage.Activist, 1, 2)]
    [InlineData(Stage.DevelopmentTarget, 2, 2)]
    [InlineData(Stage.Probationary, 0, 2)]
    [InlineData(Stage.Full, 0, 0)]
    public void MentorRange_EachStage_IsWhatTheBranchRulesSay(Stage stage, int min, int max)
    {
        Assert.Equal((min, max), RosterRules.MentorRange(stage));
    }

    [Theory]
    [InlineData(Stage.Applicant, false, false)]
    [InlineData(Stage.Activist, false, false)]
    [InlineData(Stage.DevelopmentTarget, false, false)]
    [InlineData(Stage.Probationary, false, true)]
    [InlineData(Stage.Full, true, true)]
    public void MayMentorAndMayHoldOffice_EachStage_FullMembersMentorPartyMembersHoldOffice(Stage stage, bool mentor, bool office)
    {
        Assert.Equal((mentor, office), (RosterRules.MayMentor(stage), RosterRules.MayHoldOffice(stage)));
    }

    [Fact]
    public void SingleHolderOffices_CommitteeWithoutDeputySecretary_NotGroupLeader()
    {
        Assert.Equal([Roles.Secretary, Roles.OrganizationMember, Roles.PropagandaMember, Roles.DisciplineMember], RosterRules.SingleHolderOffices);
    }
}
