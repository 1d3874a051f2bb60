namespace BranchBot.Domain.Tests;

public class GroupCompletionTests
{
    private static readonly Member[] Roster =
    [
        MemberBuilder.Full(2).InGroup(1).WithRoles(Roles.GroupLeader).Build(),
        MemberBuilder.Activist(7).InGroup(1).MentoredBy(2).Build(),
        MemberBuilder.Activist(8).InGroup(1).MentoredBy(2).Build(),
        MemberBuilder.Activist(9).InGroup(1).Build(),
        MemberBuilder.Activist(10).InGroup(1).Build(),
        MemberBuilder.Probationary(11).Since("2025-10-01").InGroup(1).Build(),
        MemberBuilder.Activist(12).InGroup(2).Build(),
    ];

    private static readonly FactIndex Facts = new(
        facts:
        [
            Fact.Report(7, "2026-01", At.Cst("2026-01-31 23:59:59")),
            Fact.Report(8, "2026-01", At.Cst("2026-02-01 00:00:00")),
            Fact.Report(12, "2026-01", At.Cst("2026-01-10 10:00:00")),
            Fact.Talk(2, 7, "2026-01-15", At.Cst("2026-01-15 20:00:00")),
        ],
        excuses: [Fact.Excuse(9, 9, ObligationKind.ThoughtReport, "2026-01", At.Cst("2026-01-03 09:00:00"))]);

    private static ObligationSchedule Schedule => new(BranchBuilder.Default, Policy.Default, Roster, Facts);
    private static IEnumerable<Member> GroupOne => Roster.Where(m => m.GroupId == 1);

    [Fact]
    public void CompletionOf_MonthAfterDeadline_CountsEachStatusAndListsWhoIsMissing()
    {
        var completion = Schedule.CompletionOf(GroupOne, At.P("2026-01"), At.Cst("2026-02-05 12:00:00"));

        Assert.Equal((7, 2, 1, 1, 3, 0), (completion.Owed, completion.Done, completion.DoneLate, completion.Excused, completion.Overdue, completion.Open));
        Assert.Equal(
            [(2, 8, ObligationKind.Talk), (10, 10, ObligationKind.ThoughtReport), (11, 11, ObligationKind.ThoughtReport)],
            completion.Missing.Select(m => (m.OwnerId!.Value, m.SubjectId, m.Kind)));
        Assert.All(completion.Missing, m => Assert.Equal(ObligationStatus.Overdue, m.Status));
        Assert.Equal(4 / 7.0, completion.SettledRate, 6);
    }

    [Fact]
    public void CompletionOf_BeforeDeadline_UnfinishedAreOpenNotOverdue()
    {
        var completion = Schedule.CompletionOf(GroupOne, Cadence.Monthly, At.Date("2026-01-20"), At.Cst("2026-01-29 08:00:00"));

        Assert.Equal([At.P("2026-01")], completion.Periods);
        Assert.Equal((7, 1, 0, 1, 0, 5), (completion.Owed, completion.Done, completion.DoneLate, completion.Excused, completion.Overdue, completion.Open));
        Assert.All(completion.Missing, m => Assert.Equal(ObligationStatus.DueSoon, m.Status));
    }

    [Fact]
    public void CompletionOf_Quarter_CountsOnlyQuarterlyDuties()
    {
        var completion = Schedule.CompletionOf(GroupOne, Cadence.Quarterly, At.Date("2026-02-10"), At.Cst("2026-04-01 00:00:00"));

        var missing = Assert.Single(completion.Missing);
        Assert.Equal((11, ObligationKind.BranchReport, ObligationStatus.Overdue), (missing.OwnerId!.Value, missing.Kind, missing.Status));
    }

    [Fact]
    public void CompletionOf_EmptyGroup_IsFullySettled()
    {
        var completion = Schedule.CompletionOf([], At.P("2026-01"), At.Cst("2026-02-05 12:00:00"));

        Assert.Equal(0, completion.Owed);
        Assert.Equal(1, completion.SettledRate);
    }

    [Fact]
    public void Of_MissingOrder_OverdueFirstThenByDueDateMissedLast()
    {
        var activist = MemberBuilder.Activist(7).Build();
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [activist], FactIndex.Empty);
        var obligations = schedule.OwedBy(activist, At.Date("2026-01-01"), At.Date("2026-03-31")).Reverse();

        var completion = GroupCompletion.Of([At.P("2026-01"), At.P("2026-02"), At.P("2026-03")], obligations, At.Cst("2026-03-10 00:00:00"));

        // On 10 March January's window has closed (February ended): missed, listed after what can still be handed in.
        Assert.Equal(["2026-02", "2026-03", "2026-01"], completion.Missing.Select(m => m.Period.Key));
        Assert.Equal((1, 1, 1, 3), (completion.Overdue, completion.Missed, completion.Open, completion.Owed));
    }
}

public class MemberHistoryTests
{
    [Fact]
    public void HistoryOf_Activist_NewestFirstWithStatuses()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();
        var facts = new FactIndex(facts: [Fact.Report(7, "2026-02", At.Cst("2026-02-20 10:00:00"))]);
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [activist], facts);

        var history = schedule.HistoryOf(activist, At.Date("2026-01-01"), At.Date("2026-03-31"), At.Cst("2026-03-15 12:00:00"));

        Assert.Same(activist, history.Member);
        Assert.Equal(
            [("2026-03", ObligationStatus.Due), ("2026-02", ObligationStatus.Done), ("2026-01", ObligationStatus.Missed)],
            history.Items.Select(i => (i.Obligation.Period.Key, i.Status)));
    }

    [Fact]
    public void HistoryOf_MentorAndProbationary_QuarterAfterItsMonths()
    {
        var mentor = MemberBuilder.Probationary(2).Since("2025-10-01").Build();
        var mentee = MemberBuilder.Activist(7).MentoredBy(2).Build();
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [mentor, mentee], FactIndex.Empty);

        var history = schedule.HistoryOf(mentor, At.Date("2026-03-01"), At.Date("2026-03-31"), At.Cst("2026-03-15 12:00:00"));

        Assert.Equal(
            ["ThoughtReport 2026-03", "Talk 2026-03", "BranchReport 2026-Q1"],
            history.Items.Select(i => $"{i.Obligation.Kind} {i.Obligation.Period.Key}"));
    }
}

public class YearlyTotalsTests
{
    [Fact]
    public void CompletionOfYear_ActivistWithGapsSeenInDecember_ClosedMonthsCountAsMissed()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();
        var facts = new FactIndex(
            facts: [Fact.Report(7, "2026-01", At.Cst("2026-01-20 10:00:00")), Fact.Report(7, "2026-10", At.Cst("2026-11-03 10:00:00"))],
            excuses: [Fact.Excuse(7, 7, ObligationKind.ThoughtReport, "2026-02", At.Cst("2026-02-10 10:00:00"))]);
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [activist], facts);

        var year = schedule.CompletionOfYear([activist], 2026, At.Cst("2026-12-10 10:00:00"));

        // January on time, February excused, October late, November overdue, December open; March to September missed.
        Assert.Equal((12, 1, 1, 1, 1, 7, 1), (year.Owed, year.Done, year.DoneLate, year.Excused, year.Overdue, year.Missed, year.Open));
    }

    [Fact]
    public void Compute_Year_CountsInTheSeedsShape()
    {
        var members = new[]
        {
            MemberBuilder.Full(2).Since("2020-06-01").Build(),
            MemberBuilder.Full(3).Since("2026-06-30").Build(),
            MemberBuilder.Activist(7).Since("2025-09-01").MentoredBy(2).Build(),
            MemberBuilder.Activist(8).Since("2025-09-01").MentoredBy(2).Build(),
            MemberBuilder.DevelopmentTarget(9).Since("2026-06-01").MentoredBy(3).Build(),
            MemberBuilder.Activist(10).Since("2026-03-01").Build(),
            MemberBuilder.Probationary(11).Since("2025-10-01").Build(),
        };
        var facts = new FactIndex(
            facts:
            [
                Fact.Report(7, "2026-01", At.Cst("2026-01-20 10:00:00")),
                Fact.Report(7, "2026-01", At.Cst("2026-01-25 10:00:00")),
                Fact.Report(7, "2025-12", At.Cst("2026-01-01 08:00:00")),
                Fact.Report(11, "2026-Q1", At.Cst("2026-03-30 10:00:00"), kind: ObligationKind.BranchReport),
                Fact.Report(11, "2026-12", At.Cst("2027-01-01 00:30:00")), // still 2026 in UTC
                Fact.Talk(2, 7, "2025-12-30", At.Cst("2025-12-30 20:00:00")),
                Fact.Talk(2, 7, "2026-01-20", At.Cst("2026-01-20 20:00:00")),
                Fact.Talk(2, 7, "2026-02-20", At.Cst("2026-02-20 20:00:00")),
                Fact.Talk(2, 8, "2026-03-01", At.Cst("2026-03-01 20:00:00")),
                Fact.Talk(3, 9, "2026-05-01", At.Cst("2026-05-01 20:00:00")), // before 9 became a development target
                Fact.Talk(3, 9, "2026-07-01", At.Cst("2026-07-01 20:00:00")),
                Fact.Evaluation(7, ObligationKind.ActivistEvaluation, "2025-Q4", At.Cst("2025-12-31 10:00:00")),
                Fact.Evaluation(7, ObligationKind.ActivistEvaluation, "2026-Q1", At.Cst("2026-04-03 10:00:00")),
            ]);

        var totals = YearlyTotals.Compute(BranchBuilder.Default, members, facts, 2026);

        Assert.Equal(2026, totals.Year);
        Assert.Equal((3, 2, 1, 1), (totals.ReportsReceived, totals.ThoughtReports, totals.BranchReports, totals.ReportsByProbationaryMembers));
        Assert.Equal((5, 4, 3, 1), (totals.TalksHeld, totals.TalksWithActivists, totals.ActivistsTalkedWith, totals.TalksAtDevelopmentStage));
        Assert.Equal(1, totals.Evaluations);
        Assert.Equal([0, 3, 1, 1, 2], Enum.GetValues<Stage>().Select(s => totals.PeoplePerStage[s]));
        Assert.Equal([0, 1, 1, 0, 1], Enum.GetValues<Stage>().Select(s => totals.EnteredStageInYear[s]));
    }

    [Fact]
    public void Compute_NoFacts_IsAllZeroWithEveryStage()
    {
        var totals = YearlyTotals.Compute(BranchBuilder.Default, [], FactIndex.Empty, 2026);

        Assert.Equal(0, totals.ReportsReceived + totals.TalksHeld + totals.Evaluations);
        Assert.Equal(5, totals.PeoplePerStage.Count);
        Assert.All(totals.PeoplePerStage.Values, v => Assert.Equal(0, v));
    }
}

public class MilestonesTests
{
    [Theory]
    [InlineData("2028-02-29", "2029-02-28")]
    [InlineData("2026-03-01", "2027-03-01")]
    [InlineData("2026-12-31", "2027-12-31")]
    public void EligibleForDevelopmentOn_Activist_IsOneYearLater(string since, string eligible) =>
        Assert.Equal(At.Date(eligible), MemberBuilder.Activist(7).Since(since).Build().EligibleForDevelopmentOn);

    [Fact]
    public void Between_Range_ListsMilestonesInsideByDate()
    {
        var members = new[]
        {
            MemberBuilder.Activist(7).Since("2028-02-29").Build(),
            MemberBuilder.Probationary(8).Since("2028-02-10").Build(),
            MemberBuilder.Activist(9).Since("2028-03-01").Build(),
            MemberBuilder.Full(10).Since("2028-02-15").Build(),
            MemberBuilder.DevelopmentTarget(11).Since("2028-02-15").Build(),
        };

        var milestones = Milestones.Between(members, At.Date("2029-02-01"), At.Date("2029-02-28"));

        Assert.Equal(
            [(8, MilestoneKind.ProbationEnds, At.Date("2029-02-10")), (7, MilestoneKind.EligibleForDevelopment, At.Date("2029-02-28"))],
            milestones.Select(m => (m.Member.Id, m.Kind, m.On)));
    }
}
