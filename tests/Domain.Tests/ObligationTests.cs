namespace BranchBot.Domain.Tests;

public class ObligationTests
{
    private static readonly PolicyRule MonthlyReport = Policy.Default.Find(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self)!;

    [Fact]
    public void Deadline_Shanghai_Is155959UtcOnTheLastDay()
    {
        var obligation = Report("2026-01");

        Assert.Equal(At.Date("2026-01-31"), obligation.DueDate);
        Assert.Equal(At.Instant("2026-01-31T15:59:59Z"), obligation.Deadline);
    }

    [Theory]
    [InlineData("2026-01-31T23:59:59+08:00", ObligationStatus.Done)]
    [InlineData("2026-01-31T15:59:59Z", ObligationStatus.Done)]
    [InlineData("2026-01-31T23:59:59.999+08:00", ObligationStatus.Done)]
    [InlineData("2026-02-01T00:00:00+08:00", ObligationStatus.DoneLate)]
    [InlineData("2026-01-31T16:00:00Z", ObligationStatus.DoneLate)]
    [InlineData("2026-01-01T00:00:00+08:00", ObligationStatus.Done)]
    public void StatusOn_SubmittedAround23_59_59Shanghai_IsDoneOrLate(string submitted, ObligationStatus expected)
    {
        var obligation = Report("2026-01", fulfilledAt: At.Instant(submitted));

        Assert.Equal(expected, obligation.StatusOn(At.Instant("2026-03-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("2026-03-31T23:59:59-04:00", ObligationStatus.Done)] // EDT on March 31
    [InlineData("2026-04-01T03:59:59Z", ObligationStatus.Done)]
    [InlineData("2026-04-01T00:00:00-04:00", ObligationStatus.DoneLate)]
    [InlineData("2026-04-01T11:59:59+08:00", ObligationStatus.Done)] // same instant, written from Shanghai
    [InlineData("2026-04-01T12:00:00+08:00", ObligationStatus.DoneLate)]
    public void StatusOn_NewYorkBranch_JudgesByNewYorkMidnight(string submitted, ObligationStatus expected)
    {
        var branch = new BranchBuilder().In(Zones.NewYork).Build();

        var obligation = new Obligation(branch, Policy.Default, MonthlyReport, At.P("2026-03"), 7, 7, fulfilledAt: At.Instant(submitted));

        Assert.Equal(At.Instant("2026-04-01T03:59:59Z"), obligation.Deadline);
        Assert.Equal(expected, obligation.StatusOn(At.Instant("2026-05-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("2026-01-31 23:59:59", ObligationStatus.NotYetDue)]
    [InlineData("2026-02-01 00:00:00", ObligationStatus.Due)]
    [InlineData("2026-02-24 23:59:59", ObligationStatus.Due)]
    [InlineData("2026-02-25 00:00:00", ObligationStatus.DueSoon)] // 3 days before Feb 28
    [InlineData("2026-02-28 23:59:59", ObligationStatus.DueSoon)]
    [InlineData("2026-03-01 00:00:00", ObligationStatus.Overdue)]
    public void StatusOn_UnfulfilledAtExactInstants_MovesThroughStates(string now, ObligationStatus expected) =>
        Assert.Equal(expected, Report("2026-02").StatusOn(At.Cst(now)));

    [Theory]
    [InlineData("2028-02-25 23:59:59", ObligationStatus.Due)]
    [InlineData("2028-02-26 00:00:00", ObligationStatus.DueSoon)]
    [InlineData("2028-02-29 23:59:59", ObligationStatus.DueSoon)]
    [InlineData("2028-03-01 00:00:00", ObligationStatus.Overdue)]
    public void StatusOn_LeapFebruary_IsDueOnThe29th(string now, ObligationStatus expected)
    {
        var obligation = Report("2028-02");

        Assert.Equal(At.Date("2028-02-29"), obligation.DueDate);
        Assert.Equal(expected, obligation.StatusOn(At.Cst(now)));
    }

    [Theory]
    [InlineData("2026-01-31 23:59:59", ObligationStatus.DueSoon)]
    [InlineData("2026-02-01 00:00:00", ObligationStatus.DueSoon)] // past the deadline, within grace
    [InlineData("2026-02-02 23:59:59", ObligationStatus.DueSoon)]
    [InlineData("2026-02-03 00:00:00", ObligationStatus.Overdue)]
    public void StatusOn_TwoGraceDays_OverdueOnlyAfterGrace(string now, ObligationStatus expected)
    {
        var obligation = new Obligation(BranchBuilder.Default, Policy.Default, MonthlyReport with { GraceDays = 2 }, At.P("2026-01"), 7, 7);

        Assert.Equal(expected, obligation.StatusOn(At.Cst(now)));
    }

    [Fact]
    public void StatusOn_SubmittedWithinGrace_IsStillLate()
    {
        var obligation = new Obligation(BranchBuilder.Default, Policy.Default, MonthlyReport with { GraceDays = 2 }, At.P("2026-01"), 7, 7,
            fulfilledAt: At.Cst("2026-02-01 10:00:00"));

        Assert.Equal(ObligationStatus.DoneLate, obligation.StatusOn(At.Cst("2026-02-01 10:00:00")));
    }

    [Theory]
    [InlineData("2026-01-20 09:59:59", ObligationStatus.Due)]
    [InlineData("2026-01-20 10:00:00", ObligationStatus.Done)]
    public void StatusOn_BeforeTheFactWasRecorded_IgnoresIt(string now, ObligationStatus expected) =>
        Assert.Equal(expected, Report("2026-01", fulfilledAt: At.Cst("2026-01-20 10:00:00")).StatusOn(At.Cst(now)));

    [Theory]
    [InlineData("2026-02-10 07:59:59", ObligationStatus.Overdue)]
    [InlineData("2026-02-10 08:00:00", ObligationStatus.Excused)]
    public void StatusOn_Excused_IsExcusedFromTheExcuse(string now, ObligationStatus expected)
    {
        var excuse = Fact.Excuse(7, 7, ObligationKind.ThoughtReport, "2026-01", At.Cst("2026-02-10 08:00:00"));

        Assert.Equal(expected, Report("2026-01", excuse: excuse).StatusOn(At.Cst(now)));
    }

    [Fact]
    public void StatusOn_ExcusedAndLaterSubmitted_StaysExcused()
    {
        var excuse = Fact.Excuse(7, 7, ObligationKind.ThoughtReport, "2026-01", At.Cst("2026-01-10 08:00:00"));

        var obligation = Report("2026-01", fulfilledAt: At.Cst("2026-02-05 08:00:00"), excuse: excuse);

        Assert.Equal(ObligationStatus.Excused, obligation.StatusOn(At.Cst("2026-03-01 00:00:00")));
    }

    [Theory]
    [InlineData("2026-02-01 00:00:00", ObligationStatus.Due)]
    [InlineData("2026-02-07 00:00:00", ObligationStatus.DueSoon)]
    [InlineData("2026-02-10 23:59:59", ObligationStatus.DueSoon)]
    [InlineData("2026-02-11 00:00:00", ObligationStatus.Overdue)]
    public void StatusOn_ApprovedExtension_MovesDueDateAndDeadline(string now, ObligationStatus expected)
    {
        var extension = Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-02-10");

        var obligation = Report("2026-01", extension: extension);

        Assert.Equal(At.Date("2026-02-10"), obligation.DueDate);
        Assert.Equal(At.Cst("2026-02-10 23:59:59"), obligation.Deadline);
        Assert.Equal(expected, obligation.StatusOn(At.Cst(now)));
    }

    [Fact]
    public void StatusOn_SubmittedWithinExtension_IsDone() =>
        Assert.Equal(ObligationStatus.Done,
            Report("2026-01", fulfilledAt: At.Cst("2026-02-09 12:00:00"), extension: Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-02-10"))
                .StatusOn(At.Cst("2026-03-01 00:00:00")));

    [Fact]
    public void Constructor_ExtensionOfAnotherKind_Throws() =>
        Assert.Throws<ArgumentException>(() => Report("2026-01", extension: Fact.Extension(7, ObligationKind.BranchReport, "2026-01", "2026-02-10")));

    [Fact]
    public void Constructor_ExtensionOfAnotherPeriod_Throws() =>
        Assert.Throws<ArgumentException>(() => Report("2026-01", extension: Fact.Extension(7, ObligationKind.ThoughtReport, "2026-02", "2026-03-10")));

    [Fact]
    public void Constructor_ExtensionEarlierThanPeriodEnd_KeepsPeriodEnd() =>
        Assert.Equal(At.Date("2026-01-31"), Report("2026-01", extension: Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-01-20")).DueDate);

    [Theory]
    [InlineData(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self, 8, 7)]
    [InlineData(ObligationKind.Talk, Stage.Activist, Owner.Mentor, null, 7)]
    [InlineData(ObligationKind.Talk, Stage.Activist, Owner.Mentor, 7, 7)]
    [InlineData(ObligationKind.ActivistEvaluation, Stage.Activist, Owner.Committee, 1, 7)]
    public void Constructor_OwnerNotFittingRule_Throws(ObligationKind kind, Stage stage, Owner owner, int? ownerId, int subjectId)
    {
        var rule = Policy.Default.Find(kind, stage, owner)!;
        var period = Period.Containing(rule.Cadence, At.Date("2026-01-15"));

        Assert.Throws<ArgumentException>(() => new Obligation(BranchBuilder.Default, Policy.Default, rule, period, ownerId, subjectId));
    }

    [Fact]
    public void Constructor_PeriodOfAnotherCadence_Throws() =>
        Assert.Throws<ArgumentException>(() => new Obligation(BranchBuilder.Default, Policy.Default, MonthlyReport, At.P("2026-Q1"), 7, 7));

    [Fact]
    public void ReminderTimes_DefaultOffsets_AreAt0900LocalBeforeTheDueDate() =>
        Assert.Equal(
            [At.Cst("2026-01-24 09:00:00"), At.Cst("2026-01-28 09:00:00"), At.Cst("2026-01-30 09:00:00")],
            Report("2026-01").ReminderTimes());

    [Fact]
    public void ReminderTimes_OffsetBeforePeriodStart_IsDropped()
    {
        var rule = MonthlyReport with { ReminderOffsetsDays = [40, 1], ReminderTime = new TimeOnly(20, 30) };

        var obligation = new Obligation(BranchBuilder.Default, Policy.Default, rule, At.P("2026-02"), 7, 7);

        Assert.Equal([At.Cst("2026-02-27 20:30:00")], obligation.ReminderTimes());
    }

    [Theory]
    [InlineData(ObligationStatus.Due, true)]
    [InlineData(ObligationStatus.DueSoon, true)]
    [InlineData(ObligationStatus.Overdue, true)]
    [InlineData(ObligationStatus.NotYetDue, false)]
    [InlineData(ObligationStatus.Done, false)]
    [InlineData(ObligationStatus.DoneLate, false)]
    [InlineData(ObligationStatus.Excused, false)]
    public void IsOpen_Status_OnlyForUnsettledStartedDuties(ObligationStatus status, bool open)
    {
        Assert.Equal(open, status.IsOpen());
        Assert.Equal(status is ObligationStatus.Done or ObligationStatus.DoneLate or ObligationStatus.Excused, status.IsSettled());
    }

    private static Obligation Report(string period, DateTimeOffset? fulfilledAt = null, ExcuseFact? excuse = null, ExtensionFact? extension = null) =>
        new(BranchBuilder.Default, Policy.Default, MonthlyReport, At.P(period), 7, 7, fulfilledAt, excuse, extension);
}
