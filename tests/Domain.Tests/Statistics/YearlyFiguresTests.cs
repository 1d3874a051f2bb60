using BranchBot.Domain.Statistics;

namespace BranchBot.Domain.Tests.Statistics;

public class YearlyFiguresTests
{
    private static Member Seven => MemberBuilder.Activist(7).InGroup(1).Numbered("2025007").Since("2025-09-01").Then(Stage.DevelopmentTarget, "2026-06-01").Build();
    private static Member Eight => MemberBuilder.Probationary(8).InGroup(2).Numbered("2024008").Since("2025-06-01").Build();

    private static readonly FactIndex Facts = new(
    [
        Fact.Report(7, "2026-03", At.Cst("2026-03-31 10:00:00")),                 // as an activist
        Fact.Report(7, "2026-07", At.Cst("2026-07-30 10:00:00")),                 // as a development target
        Fact.Report(8, "2026-02", At.Cst("2026-02-20 10:00:00")),                 // as a probationary member
        Fact.Report(8, "2025-11", At.Cst("2025-11-20 10:00:00")),                 // last year: not counted
        Fact.Talk(2, 7, "2026-05-01", At.Cst("2026-05-01 20:00:00")),
        Fact.Talk(2, 7, "2026-08-01", At.Cst("2026-08-01 20:00:00")),
        Fact.Talk(3, 8, "2026-04-01", At.Cst("2026-04-01 20:00:00")),
        Fact.Evaluation(7, ObligationKind.ActivistEvaluation, "2026-Q1", At.Cst("2026-04-03 10:00:00")),
        Fact.Evaluation(7, ObligationKind.ActivistEvaluation, "2026-Q2", At.Cst("2026-07-03 10:00:00")),
    ]);

    private static readonly Evaluation[] Evaluations =
    [
        new(7, ObligationKind.ActivistEvaluation, At.P("2026-Q1"), passed: true, "", 1, At.Cst("2026-04-03 10:00:00")),
        new(7, ObligationKind.ActivistEvaluation, At.P("2026-Q2"), passed: false, "更主动参与", 1, At.Cst("2026-07-03 10:00:00")),
        new(8, ObligationKind.ProbationaryEvaluation, At.P("2025-H2"), passed: true, "", 1, At.Cst("2025-12-20 10:00:00")),
    ];

    [Fact]
    public void For_Branch_CountsReportsAndTalksByTheStageHeldAtTheTime()
    {
        var f = YearlyFigures.For(BranchBuilder.Default, [Eight, Seven], Facts, Evaluations, 2026);

        Assert.Equal((1, 1, 1), (f.ReportsByStage[Stage.Activist], f.ReportsByStage[Stage.DevelopmentTarget], f.ReportsByStage[Stage.Probationary]));
        Assert.Equal((1, 1, 1), (f.TalksByStage[Stage.Activist], f.TalksByStage[Stage.DevelopmentTarget], f.TalksByStage[Stage.Probationary]));
        Assert.Equal((3, 3, 1), (f.Totals.ReportsReceived, f.Totals.TalksHeld, f.Totals.ReportsByProbationaryMembers));
        Assert.Equal((2, 1), (f.Totals.Evaluations, f.EvaluationsPassed));
        Assert.Equal(1, f.Totals.EnteredStageInYear[Stage.DevelopmentTarget]);
    }

    [Fact]
    public void For_Branch_HasOnePersonRowPerMemberByStudentNumber_WithTheirCounts()
    {
        var f = YearlyFigures.For(BranchBuilder.Default, [Seven, Eight], Facts, Evaluations, 2026);

        Assert.Equal(["2024008", "2025007"], f.People.Select(p => p.Member.StudentNumber));
        var seven = f.People[1];
        Assert.Equal((2, 2, 2, 1), (seven.ReportsTotal, seven.TalksTotal, seven.EvaluationsRecorded, seven.EvaluationsPassed));
        Assert.Equal([Stage.DevelopmentTarget], seven.EnteredStages);
        var eight = f.People[0];
        Assert.Equal((1, 1, 0, 0), (eight.ReportsTotal, eight.TalksTotal, eight.EvaluationsRecorded, eight.EvaluationsPassed));
        Assert.Empty(eight.EnteredStages);
    }

    [Fact]
    public void For_OneGroup_CountsOnlyFactsAboutItsPeople()
    {
        var group = YearlyFigures.For(BranchBuilder.Default, [Seven], Facts, Evaluations, 2026);

        Assert.Equal((2, 2, 0), (group.Totals.ReportsReceived, group.Totals.TalksHeld, group.Totals.ReportsByProbationaryMembers));
        Assert.Equal(0, group.ReportsByStage[Stage.Probationary]);
        Assert.Equal((2, 1), (group.Totals.Evaluations, group.EvaluationsPassed));
        Assert.Single(group.People);
    }

    [Fact]
    public void For_NoOne_IsAllZero()
    {
        var f = YearlyFigures.For(BranchBuilder.Default, [], Facts, Evaluations, 2026);

        Assert.Equal(0, f.Totals.ReportsReceived + f.Totals.TalksHeld + f.Totals.Evaluations + f.EvaluationsPassed);
        Assert.All(YearlyFigures.ReportedStages, s => Assert.Equal(0, f.ReportsByStage[s] + f.TalksByStage[s]));
        Assert.Empty(f.People);
    }
}
