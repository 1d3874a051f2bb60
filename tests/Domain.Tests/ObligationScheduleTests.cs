namespace BranchBot.Domain.Tests;

public class ObligationScheduleTests
{
    private static ObligationSchedule Schedule(IEnumerable<Member> members, FactIndex? facts = null, Branch? branch = null, Policy? policy = null) =>
        new(branch ?? BranchBuilder.Default, policy ?? Policy.Default, members, facts ?? FactIndex.Empty);

    private static string[] Keys(IEnumerable<Obligation> obligations) =>
        [.. obligations.Select(o => $"{o.Kind} {o.Period.Key} {o.OwnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "committee"}->{o.SubjectId}").Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("2026-03-15", "2026-04")]
    [InlineData("2026-03-31", "2026-04")]
    [InlineData("2026-04-01", "2026-04")]
    [InlineData("2026-04-02", "2026-05")]
    [InlineData("2026-02-28", "2026-03")]
    public void OwedBy_ActivistJoiningOnDate_OwesFromFirstFullMonth(string since, string firstMonth)
    {
        var activist = MemberBuilder.Activist(7).Since(since).Build();

        var owed = Schedule([activist]).OwedBy(activist, At.Date("2026-01-01"), At.Date("2026-06-30"));

        Assert.Equal(At.P(firstMonth), owed.Min(o => o.Period));
        Assert.All(owed, o => Assert.Equal(ObligationKind.ThoughtReport, o.Kind));
    }

    [Fact]
    public void OwedBy_ProbationaryJoiningMidQuarter_OwesMonthlyNextMonthButQuarterlyNextQuarter()
    {
        var member = MemberBuilder.Probationary(7).Since("2026-02-01").Build();

        var owed = Schedule([member]).OwedBy(member, At.Date("2026-01-01"), At.Date("2026-06-30"));

        Assert.Equal(
            ["BranchReport 2026-Q2 7->7", "ThoughtReport 2026-02 7->7", "ThoughtReport 2026-03 7->7", "ThoughtReport 2026-04 7->7",
             "ThoughtReport 2026-05 7->7", "ThoughtReport 2026-06 7->7"],
            Keys(owed));
    }

    [Fact]
    public void OwedBy_RuleOwingPartialFirstPeriod_OwesTheJoiningMonth()
    {
        var policy = new Policy([Policy.Default.Find(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self)! with { OwesPartialFirstPeriod = true }]);
        var activist = MemberBuilder.Activist(7).Since("2026-03-15").Build();

        var owed = Schedule([activist], policy: policy).OwedBy(activist, At.Date("2026-03-01"), At.Date("2026-04-30"));

        Assert.Equal(["ThoughtReport 2026-03 7->7", "ThoughtReport 2026-04 7->7"], Keys(owed));
    }

    [Fact]
    public void OwedBy_BeforeTrackingStarts_OwesNothingForPeriodsEndedBefore()
    {
        var branch = new BranchBuilder().TrackingFrom("2026-03-15").Build();
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();
        var schedule = Schedule([activist], branch: branch);

        var owed = schedule.OwedBy(activist, At.Date("2026-01-01"), At.Date("2026-04-30"));
        var committee = schedule.OwedByCommittee([activist], At.Date("2026-01-01"), At.Date("2026-04-30"));

        Assert.Equal(["ThoughtReport 2026-03 7->7", "ThoughtReport 2026-04 7->7"], Keys(owed));
        Assert.Equal(["ActivistEvaluation 2026-Q1 committee->7", "ActivistEvaluation 2026-Q2 committee->7"], Keys(committee));
    }

    [Fact]
    public void OwedBy_FullMemberWithoutMentees_OwesNothing()
    {
        var full = MemberBuilder.Full(2).Since("2020-06-01").Build();

        Assert.Empty(Schedule([full]).OwedBy(full, At.Date("2026-01-01"), At.Date("2026-12-31")));
    }

    [Fact]
    public void OwedBy_Mentor_OwesOneTalkPerMenteePerPeriod()
    {
        var mentor = MemberBuilder.Full(2).Build();
        var members = new[]
        {
            mentor,
            MemberBuilder.Activist(7).Since("2025-09-01").MentoredBy(2).Build(),
            MemberBuilder.Activist(8).Since("2025-09-01").MentoredBy(2).Build(),
            MemberBuilder.DevelopmentTarget(9).Since("2025-12-01").MentoredBy(2, 3).Build(),
            MemberBuilder.Activist(10).Since("2025-09-01").MentoredBy(4).Build(),
        };

        var owed = Schedule(members).OwedBy(mentor, At.Date("2026-02-01"), At.Date("2026-02-28"));

        Assert.Equal(["Talk 2026-02 2->7", "Talk 2026-02 2->8", "Talk 2026-Q1 2->9"], Keys(owed));
    }

    [Fact]
    public void About_DevelopmentTarget_IncludesOwnReportsAndEachIntroducersTalk()
    {
        var target = MemberBuilder.DevelopmentTarget(9).Since("2025-12-01").MentoredBy(2, 3).Build();

        var about = Schedule([target]).About(target, At.Date("2026-01-01"), At.Date("2026-03-31"));

        Assert.Equal(
            ["Talk 2026-Q1 2->9", "Talk 2026-Q1 3->9", "ThoughtReport 2026-01 9->9", "ThoughtReport 2026-02 9->9", "ThoughtReport 2026-03 9->9"],
            Keys(about));
        Assert.All(about.Where(o => o.Kind == ObligationKind.Talk), o => Assert.Equal(Cadence.Quarterly, o.Period.Cadence));
    }

    [Fact]
    public void OwedBy_MentorTalkRecorded_FulfilsOnlyThatMentee()
    {
        var members = new[]
        {
            MemberBuilder.Full(2).Build(),
            MemberBuilder.Activist(7).MentoredBy(2).Build(),
            MemberBuilder.Activist(8).MentoredBy(2).Build(),
        };
        var facts = new FactIndex(facts: [Fact.Talk(2, 7, "2026-01-20", At.Cst("2026-01-20 21:00:00"))]);

        var owed = Schedule(members, facts).OwedBy(members[0], At.Date("2026-01-01"), At.Date("2026-01-31"));
        var now = At.Cst("2026-02-01 00:00:00");

        Assert.Equal(ObligationStatus.Done, owed.Single(o => o.SubjectId == 7).StatusOn(now));
        Assert.Equal(ObligationStatus.Overdue, owed.Single(o => o.SubjectId == 8).StatusOn(now));
    }

    [Fact]
    public void OwedByCommittee_ActivistAndProbationary_QuarterlyAndHalfYearlyWithNoOwner()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();
        var probationary = MemberBuilder.Probationary(8).Since("2025-10-01").Build();
        var facts = new FactIndex(facts: [Fact.Evaluation(7, ObligationKind.ActivistEvaluation, "2026-Q1", At.Cst("2026-04-03 10:00:00"))]);

        var owed = Schedule([activist, probationary], facts).OwedByCommittee([activist, probationary], At.Date("2026-01-01"), At.Date("2026-06-30"));

        Assert.Equal(
            ["ActivistEvaluation 2026-Q1 committee->7", "ActivistEvaluation 2026-Q2 committee->7", "ProbationaryEvaluation 2026-H1 committee->8"],
            Keys(owed));
        Assert.All(owed, o => Assert.Null(o.OwnerId));
        Assert.Equal(ObligationStatus.DoneLate, owed.Single(o => o.Period == At.P("2026-Q1")).StatusOn(At.Cst("2026-05-01 00:00:00")));
    }

    [Fact]
    public void OwedBy_ApprovedExtension_MovesOnePersonsOnePeriodOnly()
    {
        var members = new[] { MemberBuilder.Activist(7).Build(), MemberBuilder.Activist(8).Build() };
        var facts = new FactIndex(extensions: [Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-02-10")]);
        var schedule = Schedule(members, facts);

        var seven = schedule.OwedBy(members[0], At.Date("2026-01-01"), At.Date("2026-02-28"));
        var eight = schedule.OwedBy(members[1], At.Date("2026-01-01"), At.Date("2026-02-28"));

        Assert.Equal([At.Date("2026-02-10"), At.Date("2026-02-28")], seven.OrderBy(o => o.Period).Select(o => o.DueDate));
        Assert.Equal([At.Date("2026-01-31"), At.Date("2026-02-28")], eight.OrderBy(o => o.Period).Select(o => o.DueDate));
        var now = At.Cst("2026-02-05 12:00:00");
        Assert.Equal(ObligationStatus.Due, seven.Single(o => o.Period == At.P("2026-01")).StatusOn(now));
        Assert.Equal(ObligationStatus.Overdue, eight.Single(o => o.Period == At.P("2026-01")).StatusOn(now));
    }

    [Fact]
    public void OwedBy_Excused_IsExcusedOnlyForThatPeriod()
    {
        var activist = MemberBuilder.Activist(7).Build();
        var facts = new FactIndex(excuses: [Fact.Excuse(7, 7, ObligationKind.ThoughtReport, "2026-01", At.Cst("2026-01-05 09:00:00"))]);

        var owed = Schedule([activist], facts).OwedBy(activist, At.Date("2026-01-01"), At.Date("2026-02-28"));
        var now = At.Cst("2026-03-01 00:00:00");

        Assert.Equal([ObligationStatus.Excused, ObligationStatus.Overdue], owed.OrderBy(o => o.Period).Select(o => o.StatusOn(now)));
    }

    [Fact]
    public void OwedByDate_Group_IncludesEveryCadenceContainingTheDate()
    {
        var members = new[] { MemberBuilder.Probationary(7).Since("2025-10-01").Build(), MemberBuilder.Activist(8).Build() };

        var owed = Schedule(members).OwedBy(members, At.Date("2026-05-31"));

        Assert.Equal(["BranchReport 2026-Q2 7->7", "ThoughtReport 2026-05 7->7", "ThoughtReport 2026-05 8->8"], Keys(owed));
    }

    [Fact]
    public void OwedByPeriod_Quarter_OnlyRulesOfThatCadence()
    {
        var members = new[] { MemberBuilder.Probationary(7).Since("2025-10-01").Build(), MemberBuilder.Activist(8).Build() };

        var owed = Schedule(members).OwedBy(members, At.P("2026-Q2"));

        Assert.Equal(["BranchReport 2026-Q2 7->7"], Keys(owed));
    }

    [Fact]
    public void OpenAt_Instant_ListsDueAndOverdueButNotSettledOrMissed()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();
        var facts = new FactIndex(facts: [Fact.Report(7, "2026-02", At.Cst("2026-02-27 22:00:00"))]);

        var open = Schedule([activist], facts).OpenAt([activist], At.Cst("2026-04-10 09:00:00"));

        // January closed when February ended: missed, no longer open.
        Assert.Equal(["ThoughtReport 2026-03 7->7", "ThoughtReport 2026-04 7->7"], Keys(open));
        Assert.Equal(ObligationStatus.Overdue, open[0].StatusOn(At.Cst("2026-04-10 09:00:00")));
    }

    [Fact]
    public void OpenAt_Since_LimitsHowFarBack()
    {
        var activist = MemberBuilder.Activist(7).Since("2025-09-01").Build();

        var open = Schedule([activist]).OpenAt([activist], At.Cst("2026-04-10 09:00:00"), since: At.Date("2026-03-01"));

        Assert.Equal(["ThoughtReport 2026-03 7->7", "ThoughtReport 2026-04 7->7"], Keys(open));
    }

    [Theory]
    [InlineData(Cadence.Monthly, "2026-03-15", "2026-04")]
    [InlineData(Cadence.Monthly, "2026-03-01", "2026-03")]
    [InlineData(Cadence.Quarterly, "2026-03-31", "2026-Q2")]
    [InlineData(Cadence.Quarterly, "2026-04-01", "2026-Q2")]
    [InlineData(Cadence.HalfYearly, "2026-12-31", "2027-H1")]
    public void FirstOwedPeriod_StageSince_IsFirstFullPeriod(Cadence cadence, string since, string expected)
    {
        var rule = new PolicyRule(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, cadence);

        Assert.Equal(At.P(expected), ObligationSchedule.FirstOwedPeriod(rule, At.Date(since)));
    }
}
