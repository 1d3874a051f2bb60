namespace BranchBot.Domain.Tests;

public class FactIndexTests
{
    [Fact]
    public void ReportSubmittedAt_SeveralReports_IsTheEarliest()
    {
        var facts = new FactIndex(facts:
        [
            Fact.Report(7, "2026-01", At.Cst("2026-01-30 10:00:00")),
            Fact.Report(7, "2026-01", At.Cst("2026-01-20 10:00:00")),
            Fact.Report(7, "2026-02", At.Cst("2026-02-03 10:00:00")),
        ]);

        Assert.Equal(At.Cst("2026-01-20 10:00:00"), facts.ReportSubmittedAt(7, ObligationKind.ThoughtReport, At.P("2026-01")));
        Assert.Null(facts.ReportSubmittedAt(7, ObligationKind.BranchReport, At.P("2026-01")));
        Assert.Null(facts.ReportSubmittedAt(8, ObligationKind.ThoughtReport, At.P("2026-01")));
    }

    [Fact]
    public void TalkRecordedAt_TalkDatedInPeriod_IsItsRecordingTime()
    {
        var facts = new FactIndex(facts:
        [
            Fact.Talk(2, 7, "2026-01-31", At.Cst("2026-02-02 09:00:00")),
            Fact.Talk(2, 7, "2026-02-01", At.Cst("2026-02-01 20:00:00")),
        ]);

        Assert.Equal(At.Cst("2026-02-02 09:00:00"), facts.TalkRecordedAt(2, 7, At.P("2026-01")));
        Assert.Equal(At.Cst("2026-02-01 20:00:00"), facts.TalkRecordedAt(2, 7, At.P("2026-02")));
        Assert.Null(facts.TalkRecordedAt(3, 7, At.P("2026-01")));
        Assert.Null(facts.TalkRecordedAt(7, 2, At.P("2026-01")));
    }

    [Fact]
    public void TalkRecordedAt_Quarter_IsTheEarliestTalkOfItsMonths()
    {
        var facts = new FactIndex(facts:
        [
            Fact.Talk(2, 7, "2026-03-15", At.Cst("2026-03-15 12:00:00")),
            Fact.Talk(2, 7, "2026-02-10", At.Cst("2026-02-10 12:00:00")),
            Fact.Talk(2, 7, "2026-04-01", At.Cst("2026-04-01 12:00:00")),
        ]);

        Assert.Equal(At.Cst("2026-02-10 12:00:00"), facts.TalkRecordedAt(2, 7, At.P("2026-Q1")));
        Assert.Equal(At.Cst("2026-04-01 12:00:00"), facts.TalkRecordedAt(2, 7, At.P("2026-Q2")));
        Assert.Equal(At.Cst("2026-02-10 12:00:00"), facts.TalkRecordedAt(2, 7, At.P("2026-H1")));
    }

    [Fact]
    public void ApprovedExtension_Several_LatestDateWins()
    {
        var facts = new FactIndex(extensions:
        [
            Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-02-05"),
            Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-02-10"),
            Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-02-07"),
        ]);

        Assert.Equal(At.Date("2026-02-10"), facts.ApprovedExtension(ObligationKind.ThoughtReport, 7, At.P("2026-01"))?.Until);
        Assert.Null(facts.ApprovedExtension(ObligationKind.ThoughtReport, 8, At.P("2026-01")));
        Assert.Null(facts.ApprovedExtension(ObligationKind.ThoughtReport, 7, At.P("2026-02")));
        Assert.Equal(3, facts.Extensions.Count);
    }

    [Fact]
    public void FulfilledAt_Evaluation_IsKeyedBySubjectKindAndPeriod()
    {
        var facts = new FactIndex(facts: [Fact.Evaluation(7, ObligationKind.ActivistEvaluation, "2026-Q1", At.Cst("2026-03-30 15:00:00"))]);

        Assert.Equal(At.Cst("2026-03-30 15:00:00"), facts.FulfilledAt(ObligationKind.ActivistEvaluation, null, 7, At.P("2026-Q1")));
        Assert.Null(facts.FulfilledAt(ObligationKind.ActivistEvaluation, null, 7, At.P("2026-Q2")));
        Assert.Null(facts.FulfilledAt(ObligationKind.ProbationaryEvaluation, null, 7, At.P("2026-H1")));
    }

    [Fact]
    public void ExcuseFor_IsExactToOwnerSubjectKindAndPeriod()
    {
        var excuse = Fact.Excuse(2, 7, ObligationKind.Talk, "2026-01", At.Cst("2026-01-10 08:00:00"));
        var facts = new FactIndex(excuses: [excuse]);

        Assert.Equal(excuse, facts.ExcuseFor(ObligationKind.Talk, 2, 7, At.P("2026-01")));
        Assert.Null(facts.ExcuseFor(ObligationKind.Talk, 3, 7, At.P("2026-01")));
        Assert.Null(facts.ExcuseFor(ObligationKind.Talk, 2, 8, At.P("2026-01")));
        Assert.Null(facts.ExcuseFor(ObligationKind.Talk, 2, 7, At.P("2026-02")));
        Assert.Null(facts.ExcuseFor(ObligationKind.ThoughtReport, 2, 7, At.P("2026-01")));
    }
}
