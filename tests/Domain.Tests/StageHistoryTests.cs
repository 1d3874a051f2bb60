namespace BranchBot.Domain.Tests;

public class StageHistoryTests
{
    private static ObligationSchedule Schedule(IEnumerable<Member> members, Policy? policy = null) =>
        new(BranchBuilder.Default, policy ?? Policy.Default, members, FactIndex.Empty);

    private static string[] Keys(IEnumerable<Obligation> obligations) =>
        [.. obligations.Select(o => $"{o.Kind} {o.Period.Key} {o.OwnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "committee"}->{o.SubjectId}").Order(StringComparer.Ordinal)];

    private static string[] Timeline(Member m) =>
        [.. m.Stages.Select(s => $"{s.Stage} {s.Since:yyyy-MM-dd}..{s.Until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? ""}")];

    [Theory]
    [InlineData("2026-05-01", "2026-04", "2026-Q2")]
    [InlineData("2026-05-02", "2026-05", "2026-Q2")]
    [InlineData("2026-05-31", "2026-05", "2026-Q2")]
    [InlineData("2026-04-01", "2026-03", "2026-Q1")]
    [InlineData("2026-04-02", "2026-04", "2026-Q2")]
    public void OwedBy_ConvertedToFullMember_OwesEveryPeriodBegunWhileProbationaryAndNothingAfter(string converted, string lastMonth, string lastQuarter)
    {
        var member = MemberBuilder.Probationary(7).Since("2025-10-01").Then(Stage.Full, converted).Build();

        var owed = Schedule([member]).OwedBy(member, At.Date("2026-01-01"), At.Date("2026-12-31"));

        Assert.Equal(At.P(lastMonth), owed.Where(o => o.Kind == ObligationKind.ThoughtReport).Max(o => o.Period));
        Assert.Equal(At.P(lastQuarter), owed.Where(o => o.Kind == ObligationKind.BranchReport).Max(o => o.Period));
        Assert.Equal(Stage.Full, member.Stage);
    }

    [Fact]
    public void OwedBy_DateAfterAMidMonthConversion_StillListsTheMonthBegunWhileProbationary()
    {
        var member = MemberBuilder.Probationary(7).Since("2025-10-01").Then(Stage.Full, "2026-11-26").Build();
        var schedule = Schedule([member]);

        Assert.Equal(["BranchReport 2026-Q4 7->7", "ThoughtReport 2026-11 7->7"], Keys(schedule.OwedBy([member], At.Date("2026-11-28"))));
        Assert.DoesNotContain(schedule.OwedBy([member], At.Date("2026-12-01")), o => o.Kind == ObligationKind.ThoughtReport);
    }

    [Fact]
    public void OwedBy_ActivistBecomingDevelopmentTargetMidMonth_OwesOneReportEveryMonth()
    {
        var member = MemberBuilder.Activist(7).Since("2025-09-01").Then(Stage.DevelopmentTarget, "2026-03-15").Build();

        var owed = Schedule([member]).OwedBy(member, At.Date("2026-01-01"), At.Date("2026-06-30"));

        Assert.Equal(
            ["ThoughtReport 2026-01 7->7", "ThoughtReport 2026-02 7->7", "ThoughtReport 2026-03 7->7", "ThoughtReport 2026-04 7->7",
             "ThoughtReport 2026-05 7->7", "ThoughtReport 2026-06 7->7"],
            Keys(owed));
    }

    [Fact]
    public void OwedBy_NextStageOwesThePartialMonth_OwesItOnceAtTheNextStage()
    {
        var partial = Policy.Default.Find(ObligationKind.ThoughtReport, Stage.DevelopmentTarget, Owner.Self)! with { GraceDays = 2, OwesPartialFirstPeriod = true };
        var policy = new Policy([Policy.Default.Find(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self)!, partial]);
        var member = MemberBuilder.Activist(7).Since("2025-09-01").Then(Stage.DevelopmentTarget, "2026-03-15").Build();

        var owed = Schedule([member], policy).OwedBy(member, At.Date("2026-02-01"), At.Date("2026-04-30"));

        Assert.Equal(["ThoughtReport 2026-02 7->7", "ThoughtReport 2026-03 7->7", "ThoughtReport 2026-04 7->7"], Keys(owed));
        Assert.Equal(2, owed.Single(o => o.Period == At.P("2026-03")).Rule.GraceDays);
    }

    [Fact]
    public void About_ActivistBecameDevelopmentTarget_TalksBeforeAreNotOwedByTheNewIntroducers()
    {
        var introducers = new[] { MemberBuilder.Full(2).Build(), MemberBuilder.Full(3).Build() };
        var member = MemberBuilder.Activist(7).Since("2025-09-01").Then(Stage.DevelopmentTarget, "2026-04-01").MentoredBy(2, 3).Build();

        var talks = Schedule([.. introducers, member]).About(member, At.Date("2026-01-01"), At.Date("2026-06-30")).Where(o => o.Kind == ObligationKind.Talk);

        Assert.Equal(["Talk 2026-Q2 2->7", "Talk 2026-Q2 3->7"], Keys(talks));
    }

    [Fact]
    public void OwedBy_BackDatedCorrection_OwesFromTheCorrectedDate()
    {
        var member = MemberBuilder.Probationary(7).Since("2026-03-01").Then(Stage.Probationary, "2026-01-15", StageChangeSource.Correction).Build();

        var owed = Schedule([member]).OwedBy(member, At.Date("2026-01-01"), At.Date("2026-03-31"));

        Assert.Equal(["ThoughtReport 2026-02", "ThoughtReport 2026-03"], owed.Select(o => $"{o.Kind} {o.Period.Key}").Order(StringComparer.Ordinal));
        Assert.Equal(At.Date("2026-01-15"), member.StageSince);
        Assert.Equal(At.Date("2027-01-15"), member.ProbationEndsOn);
    }

    [Fact]
    public void Of_CorrectionOfTheStageHeld_RedatesItAndTheStageBeforeLastsUntilThen()
    {
        var member = MemberBuilder.Activist(7).Since("2025-03-01")
            .Then(Stage.DevelopmentTarget, "2026-03-01")
            .Then(Stage.DevelopmentTarget, "2026-04-10", StageChangeSource.Correction)
            .Build();

        Assert.Equal(["Activist 2025-03-01..2026-04-10", "DevelopmentTarget 2026-04-10.."], Timeline(member));
        Assert.Equal(Stage.Activist, member.StageOn(At.Date("2026-04-09")));
        Assert.Equal(Stage.DevelopmentTarget, member.StageOn(At.Date("2026-04-10")));
        Assert.Null(member.StageOn(At.Date("2025-02-28")));
    }

    [Fact]
    public void Of_CorrectionBeforeTheStageBefore_EndsThatStage()
    {
        var member = MemberBuilder.Activist(7).Since("2024-09-01")
            .Then(Stage.DevelopmentTarget, "2025-09-01")
            .Then(Stage.Probationary, "2026-06-01")
            .Then(Stage.Probationary, "2025-06-01", StageChangeSource.Correction)
            .Build();

        Assert.Equal(["Activist 2024-09-01..2025-06-01", "Probationary 2025-06-01.."], Timeline(member));
    }

    [Fact]
    public void ImportStage_SameStageAndDate_RecordsNothing()
    {
        var member = MemberBuilder.Probationary(7).Since("2026-03-01").Build();

        Assert.Null(member.ImportStage(Stage.Probationary, At.Date("2026-03-01"), At.Date("2026-11-26")));
        Assert.Single(member.StageChanges);
    }

    [Theory]
    [InlineData(Stage.Full, "2026-11-26", StageChangeSource.Import)]
    [InlineData(Stage.Probationary, "2026-02-01", StageChangeSource.Correction)]
    [InlineData(Stage.Probationary, "2026-04-01", StageChangeSource.Correction)]
    [InlineData(Stage.Full, "2026-03-01", StageChangeSource.Correction)]
    public void ImportStage_ChangedStageOrDate_IsANewStageOrACorrection(Stage stage, string since, StageChangeSource expected)
    {
        var member = MemberBuilder.Probationary(7).Since("2026-03-01").Build();

        Assert.Equal(expected, member.ImportStage(stage, At.Date(since), At.Date("2026-11-26")));
        Assert.Equal((stage, At.Date(since)), (member.Stage, member.StageSince));
        Assert.Equal(2, member.StageChanges.Count);
    }

    [Fact]
    public void Compute_ConvertedAndSkippingMembers_CountByTheStageHeldAtTheTime()
    {
        var members = new[]
        {
            MemberBuilder.Probationary(7).Since("2025-10-01").Then(Stage.Full, "2026-10-01").Build(),
            MemberBuilder.Activist(8).Since("2025-01-10").Then(Stage.Probationary, "2026-02-01").Build(), // skipped the development stage
        };
        var facts = new FactIndex(facts:
        [
            Fact.Report(7, "2026-09", At.Cst("2026-09-20 10:00:00")),
            Fact.Report(7, "2026-10", At.Cst("2026-10-20 10:00:00")), // a full member by then
            Fact.Report(8, "2026-01", At.Cst("2026-01-20 10:00:00")), // still an activist
            Fact.Report(8, "2026-02", At.Cst("2026-02-20 10:00:00")),
        ]);

        var totals = YearlyTotals.Compute(BranchBuilder.Default, members, facts, 2026);

        Assert.Equal(2, totals.ReportsByProbationaryMembers);
        Assert.Equal([0, 0, 0, 1, 1], Enum.GetValues<Stage>().Select(s => totals.EnteredStageInYear[s]));
        Assert.Equal([0, 0, 0, 1, 1], Enum.GetValues<Stage>().Select(s => totals.PeoplePerStage[s]));
    }

    [Fact]
    public void Between_ConvertedMember_HasNoProbationMilestone()
    {
        var converted = MemberBuilder.Probationary(7).Since("2025-10-01").Then(Stage.Full, "2026-10-01").Build();
        var serving = MemberBuilder.Probationary(8).Since("2025-10-05").Build();

        var milestones = Milestones.Between([converted, serving], At.Date("2026-10-01"), At.Date("2026-10-31"));

        Assert.Equal([(8, MilestoneKind.ProbationEnds, At.Date("2026-10-05"))], milestones.Select(m => (m.Member.Id, m.Kind, m.On)));
    }
}
