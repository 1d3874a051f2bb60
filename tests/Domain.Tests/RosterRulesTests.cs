namespace BranchBot.Domain.Tests;

public class RosterRulesTests
{
    [Theory]
    [InlineData(Stage.Activist, 1, 2)]
    [InlineData(Stage.DevelopmentTarget, 2, 2)]
    [InlineData(Stage.Probationary, 0, 2)]
    [InlineData(Stage.Full, 0, 0)]
    public void MentorRange_EachStage_IsWhatTheBranchRulesSay(Stage stage, int min, int max)
    {
        Assert.Equal((min, max), RosterRules.MentorRange(stage));
    }
}
