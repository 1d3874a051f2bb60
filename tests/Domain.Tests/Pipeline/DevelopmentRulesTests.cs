using BranchBot.Domain.Pipeline;

namespace BranchBot.Domain.Tests.Pipeline;

public class DevelopmentRulesTests
{
    private static EvaluationResult Evaluated(string quarter, bool passed) => new(At.P(quarter), passed);

    [Theory]
    [InlineData("2025-03-15", "2026-03-14", DevelopmentVerdict.TooEarly)]
    [InlineData("2025-03-15", "2026-03-15", DevelopmentVerdict.Eligible)]
    [InlineData("2025-03-15", "2026-03-16", DevelopmentVerdict.Eligible)]
    [InlineData("2024-02-29", "2025-02-27", DevelopmentVerdict.TooEarly)]
    [InlineData("2024-02-29", "2025-02-28", DevelopmentVerdict.Eligible)]
    public void On_ExactlyOneYearAsActivist_IsEligibleFromTheAnniversary(string since, string date, DevelopmentVerdict expected)
    {
        var activist = MemberBuilder.Activist(7).Since(since).Build();

        var eligibility = DevelopmentRules.On(activist, [], At.Date(date));

        Assert.Equal(expected, eligibility.Verdict);
        Assert.Equal(At.Date(since).AddYears(1), eligibility.EligibleOn);
        Assert.True(eligibility.NoEvaluationYet);
    }

    [Fact]
    public void On_LatestEvaluationFailed_IsNotEligible()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-03-15").Build();

        var eligibility = DevelopmentRules.On(activist, [Evaluated("2026-Q1", true), Evaluated("2026-Q2", false)], At.Date("2026-07-10"));

        Assert.Equal(DevelopmentVerdict.LastEvaluationFailed, eligibility.Verdict);
        Assert.False(eligibility.IsEligible);
    }

    [Fact]
    public void On_FailedThenPassed_IsEligible()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-03-15").Build();

        var eligibility = DevelopmentRules.On(activist, [Evaluated("2026-Q2", true), Evaluated("2026-Q1", false)], At.Date("2026-07-10"));

        Assert.Equal(DevelopmentVerdict.Eligible, eligibility.Verdict);
        Assert.False(eligibility.NoEvaluationYet);
    }

    [Fact]
    public void On_FailureBeforeTheActivistStageBegan_DoesNotCount()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-04-01").Build();

        var eligibility = DevelopmentRules.On(activist, [Evaluated("2025-Q1", false)], At.Date("2026-04-01"));

        Assert.Equal(DevelopmentVerdict.Eligible, eligibility.Verdict);
        Assert.True(eligibility.NoEvaluationYet);
    }

    [Theory]
    [InlineData(Stage.DevelopmentTarget)]
    [InlineData(Stage.Probationary)]
    [InlineData(Stage.Full)]
    public void On_NotAnActivist_IsNotEligible(Stage stage)
    {
        var member = new MemberBuilder().WithId(7).AtStage(stage).Since("2020-01-01").Build();

        Assert.Equal(DevelopmentVerdict.NotAnActivist, DevelopmentRules.On(member, [], At.Date("2026-11-19")).Verdict);
    }

    [Fact]
    public void On_ActivistAgainAfterAnotherStage_CountsTheYearFromTheLatestActivistStage()
    {
        var member = MemberBuilder.Activist(7).Since("2023-01-10").Then(Stage.DevelopmentTarget, "2024-03-01").Then(Stage.Activist, "2026-01-05", StageChangeSource.Correction).Build();

        var eligibility = DevelopmentRules.On(member, [], At.Date("2026-11-19"));

        Assert.Equal(DevelopmentVerdict.TooEarly, eligibility.Verdict);
        Assert.Equal(At.Date("2027-01-05"), eligibility.EligibleOn);
    }
}
