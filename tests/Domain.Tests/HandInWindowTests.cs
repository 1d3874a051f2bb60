namespace BranchBot.Domain.Tests;

public class HandInWindowTests
{
    private static readonly PolicyRule MonthlyReport = Policy.Default.Find(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self)!;

    [Theory]
    [InlineData("2026-01", "2026-02-28")]
    [InlineData("2028-01", "2028-02-29")]
    [InlineData("2026-12", "2027-01-31")]
    [InlineData("2026-Q4", "2027-03-31")]
    [InlineData("2026-Q1", "2026-06-30")]
    [InlineData("2026-H2", "2027-06-30")]
    [InlineData("2200-12", "2201-01-31")]
    public void LastDay_Period_IsTheEndOfTheFollowingPeriod(string period, string expected) =>
        Assert.Equal(At.Date(expected), HandInWindow.LastDay(At.P(period)));

    [Fact]
    public void LastDay_ExtendedPastTheFollowingPeriod_IsTheExtendedDueDate() =>
        Assert.Equal(At.Date("2026-03-05"), HandInWindow.LastDay(At.P("2026-01"), At.Date("2026-03-05")));

    [Theory]
    [InlineData("2026-02-28", false)]
    [InlineData("2026-03-01", true)]
    public void IsClosed_DayAfterTheFollowingMonth_IsClosed(string today, bool expected) =>
        Assert.Equal(expected, HandInWindow.IsClosed(At.P("2026-01"), At.Date(today)));

    [Theory]
    [InlineData("2026-11-30", "2026-11-30", "2026-12-07")] // decided on the due date: a week from it
    [InlineData("2026-11-30", "2026-11-20", "2026-12-07")] // decided early: counted from the due date
    [InlineData("2026-11-30", "2026-12-10", "2026-12-17")] // decided late: counted from the decision, never already past
    public void ExtendedDueDate_LaterOfDueAndDecision_PlusLength(string due, string decided, string expected) =>
        Assert.Equal(At.Date(expected), HandInWindow.ExtendedDueDate(At.Date(due), At.Date(decided), 7));

    [Theory]
    [InlineData("2021-05-20", "2026-11-19", "2025-11-01")]
    [InlineData("2026-10-01", "2026-11-19", "2026-10-01")]
    public void ChaseFrom_LongTrackedBranch_AtMostAYearBack(string tracking, string today, string expected) =>
        Assert.Equal(At.Date(expected), HandInWindow.ChaseFrom(At.Date(tracking), At.Date(today)));

    [Theory]
    [InlineData("2026-02-28 23:59:59", ObligationStatus.Overdue)]
    [InlineData("2026-03-01 00:00:00", ObligationStatus.Missed)]
    public void StatusOn_UnfulfilledWhenTheFollowingMonthEnds_BecomesMissed(string now, ObligationStatus expected)
    {
        var obligation = new Obligation(BranchBuilder.Default, Policy.Default, MonthlyReport, At.P("2026-01"), 7, 7);

        Assert.Equal(expected, obligation.StatusOn(At.Cst(now)));
        Assert.False(ObligationStatus.Missed.IsOpen());
        Assert.False(ObligationStatus.Missed.IsSettled());
    }

    [Fact]
    public void StatusOn_ExtendedBeyondTheWindow_OpenUntilTheExtendedDate()
    {
        var extension = Fact.Extension(7, ObligationKind.ThoughtReport, "2026-01", "2026-03-05");
        var obligation = new Obligation(BranchBuilder.Default, Policy.Default, MonthlyReport, At.P("2026-01"), 7, 7, extension: extension);

        Assert.Equal(ObligationStatus.DueSoon, obligation.StatusOn(At.Cst("2026-03-05 12:00:00")));
        Assert.Equal(ObligationStatus.Missed, obligation.StatusOn(At.Cst("2026-03-06 00:00:00")));
    }

    [Fact]
    public void StatusOn_SubmittedLateInTheWindow_IsDoneLateNotMissed()
    {
        var obligation = new Obligation(BranchBuilder.Default, Policy.Default, MonthlyReport, At.P("2026-01"), 7, 7, fulfilledAt: At.Cst("2026-02-27 10:00:00"));

        Assert.Equal(ObligationStatus.DoneLate, obligation.StatusOn(At.Cst("2026-06-01 00:00:00")));
    }

    [Fact]
    public void Schedule_DevelopmentTargetTalkHeldInOctoberLoggedInDecember_CountsInQ4OnTime()
    {
        var introducer = MemberBuilder.Full(2).Build();
        var target = MemberBuilder.DevelopmentTarget(7).Since("2026-07-01").MentoredBy(2).Build();
        var facts = new FactIndex(facts: [Fact.Talk(2, 7, "2026-10-15", At.Cst("2026-12-10 20:00:00"))]);
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [introducer, target], facts);

        var talk = Assert.Single(schedule.OwedBy(introducer, At.Date("2026-10-01"), At.Date("2026-12-31")), o => o.Kind == ObligationKind.Talk);

        Assert.Equal(At.P("2026-Q4"), talk.Period);
        Assert.Equal(At.Date("2026-10-15"), talk.HeldOn);
        Assert.Equal(ObligationStatus.Done, talk.StatusOn(At.Cst("2026-12-11 09:00:00")));
        Assert.Equal(ObligationStatus.Due, talk.StatusOn(At.Cst("2026-12-01 09:00:00"))); // not known before it was logged
    }

    [Fact]
    public void Schedule_TalkHeldOnTheLastDayLoggedNextMonth_IsDoneOnTime()
    {
        var mentor = MemberBuilder.Full(2).Build();
        var activist = MemberBuilder.Activist(7).Since("2026-07-01").MentoredBy(2).Build();
        // A talk held on 30 September but logged on 2 October counts for September, on time.
        var facts = new FactIndex(facts: [Fact.Talk(2, 7, "2026-09-30", At.Cst("2026-10-02 09:00:00"))]);
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [mentor, activist], facts);

        var september = Assert.Single(schedule.OwedBy(mentor, At.Date("2026-09-01"), At.Date("2026-09-30")), o => o.Kind == ObligationKind.Talk);

        Assert.Equal(ObligationStatus.Done, september.StatusOn(At.Cst("2026-10-03 09:00:00")));
    }

    [Fact]
    public void Policy_ExtensionDays_DefaultsToSevenAndRoundTripsThroughJson()
    {
        var custom = new Policy(Policy.Default.Rules, extensionDays: 10);

        Assert.Equal(7, Policy.Default.ExtensionDays);
        Assert.Equal(10, Policy.FromJson(custom.ToJson()).ExtensionDays);
        Assert.Equal(7, Policy.FromJson("""{"rules":[],"dueSoonDays":3}""").ExtensionDays);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Policy([], extensionDays: 0));
    }
}
