namespace BranchBot.Domain.Tests;

public class TalkRulesTests
{
    [Theory]
    [InlineData("2026-11-30", TalkDateVerdict.Accepted)]
    [InlineData("2026-12-01", TalkDateVerdict.Accepted)]
    [InlineData("2026-12-02", TalkDateVerdict.InFuture)]
    [InlineData("2026-09-01", TalkDateVerdict.Accepted)]
    [InlineData("2026-08-31", TalkDateVerdict.BeforeStage)]
    public void Check_Date_NotInTheFutureNorBeforeTheStageBegan(string date, TalkDateVerdict expected) =>
        Assert.Equal(expected, TalkRules.Check(At.Date(date), today: At.Date("2026-12-01"), stageSince: At.Date("2026-09-01")));

    [Theory]
    [InlineData(Stage.Activist, "2026-11")]
    [InlineData(Stage.DevelopmentTarget, "2026-Q4")]
    public void CountsIn_DefaultPolicy_PeriodOfTheDateAtTheTalkCadence(Stage stage, string expected) =>
        Assert.Equal(At.P(expected), TalkRules.CountsIn(Policy.Default, stage, At.Date("2026-11-15")));

    [Fact]
    public void CountsIn_PolicyWithoutTalkDuty_UsesTheKindsDefaultCadence() =>
        Assert.Equal(At.P("2026-11"), TalkRules.CountsIn(Policy.Default, Stage.Probationary, At.Date("2026-11-15")));
}
