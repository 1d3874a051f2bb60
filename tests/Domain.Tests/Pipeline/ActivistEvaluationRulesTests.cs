using BranchBot.Domain.Pipeline;

namespace BranchBot.Domain.Tests.Pipeline;

public class ActivistEvaluationRulesTests
{
    private static EvaluationResult Evaluated(string quarter, bool passed) => new(At.P(quarter), passed);

    [Theory]
    [InlineData("2025-03-15", "2026-01-05", "2026-Q1,2025-Q4")]
    [InlineData("2025-12-20", "2026-01-05", "2026-Q1,2025-Q4")]
    [InlineData("2026-01-02", "2026-01-05", "2026-Q1")]
    [InlineData("2025-03-15", "2026-12-31", "2026-Q4,2026-Q3")]
    public void OpenQuarters_CurrentAndPreviousQuarterThatOverlapTheStage(string since, string today, string expected)
    {
        var activist = MemberBuilder.Activist(7).Since(since).Build();

        Assert.Equal(expected.Split(','), ActivistEvaluationRules.OpenQuarters(activist, At.Date(today)).Select(p => p.Key));
    }

    [Fact]
    public void OpenQuarters_NotAnActivist_IsEmpty()
    {
        Assert.Empty(ActivistEvaluationRules.OpenQuarters(MemberBuilder.DevelopmentTarget(7).Build(), At.Date("2026-01-05")));
    }

    [Theory]
    [InlineData("2026-Q1:F", false)]
    [InlineData("2026-Q1:F,2026-Q2:F", true)]
    [InlineData("2026-Q1:F,2026-Q3:F", true)]
    [InlineData("2026-Q1:F,2026-Q2:T,2026-Q3:F", false)]
    [InlineData("2026-Q2:F,2026-Q1:F,2026-Q3:T", false)]
    [InlineData("2026-Q3:F,2026-Q1:T,2026-Q2:F", true)]
    public void NoProgress_TheLatestTwoNeedImprovement(string evaluations, bool expected)
    {
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();
        var results = evaluations.Split(',').Select(e => Evaluated(e[..7], e[^1] == 'T'));

        Assert.Equal(expected, ActivistEvaluationRules.NoProgress(activist, results));
    }

    [Fact]
    public void NoProgress_FailuresBeforeTheStageNowHeld_DoNotCount()
    {
        // Stopped in 2026-Q2 (an applicant again), selected anew from 2026-07-01: the old failures judged the old stage.
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Then(Stage.Applicant, "2026-05-01", StageChangeSource.CommitteeAction)
            .Then(Stage.Activist, "2026-07-01", StageChangeSource.CommitteeAction).Build();

        Assert.False(ActivistEvaluationRules.NoProgress(activist, [Evaluated("2026-Q1", false), Evaluated("2025-Q4", false), Evaluated("2026-Q3", false)]));
        Assert.True(ActivistEvaluationRules.NoProgress(activist, [Evaluated("2026-Q3", false), Evaluated("2026-Q4", false)]));
    }

    [Fact]
    public void MayStop_TwoFailuresInARow_IsAllowed()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();

        Assert.Equal(StopVerdict.Allowed, ActivistEvaluationRules.MayStop(activist, [Evaluated("2026-Q1", false), Evaluated("2026-Q2", false)]));
        Assert.Equal(StopVerdict.ProgressNotJudged, ActivistEvaluationRules.MayStop(activist, [Evaluated("2026-Q2", false)]));
        Assert.Equal(StopVerdict.ProgressNotJudged, ActivistEvaluationRules.MayStop(activist, []));
        Assert.Equal(StopVerdict.NotAnActivist, ActivistEvaluationRules.MayStop(MemberBuilder.DevelopmentTarget(7).Build(), [Evaluated("2026-Q1", false), Evaluated("2026-Q2", false)]));
    }

    [Fact]
    public void StopDecision_NeedsAReason()
    {
        Assert.Throws<ArgumentException>(() => StageDecision.Stop(7, At.Date("2026-07-01"), " ", 1, At.Cst("2026-07-01 10:00:00"), "k"));
        Assert.Equal("无进步", StageDecision.Stop(7, At.Date("2026-07-01"), " 无进步 ", 1, At.Cst("2026-07-01 10:00:00"), "k").Note);
    }
}
