using System.Globalization;
using BranchBot.Domain.Calendar;

namespace BranchBot.Domain.Tests;

public class FactWindowTests
{
    private static readonly DateOnly ChaseFrom = At.Date("2025-12-01");

    [Fact]
    public void StillOpen_NoExtension_StartsAtThePreviousPeriodOfEachCadence()
    {
        var window = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date("2026-11-26"), At.Date("2026-11-26"), null, []);

        Assert.Equal((At.Date("2026-10-01"), At.Date("2026-07-01"), At.Date("2026-01-01")),
            (window.From(Cadence.Monthly), window.From(Cadence.Quarterly), window.From(Cadence.HalfYearly)));
        Assert.Equal(At.Date("2026-01-01"), window.Earliest);
    }

    [Fact]
    public void StillOpen_ExtensionBeyondTheClose_ReachesBackToItsPeriod()
    {
        var window = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date("2026-11-26"), At.Date("2026-11-26"), null,
            [Fact.Extension(7, ObligationKind.ThoughtReport, "2026-03", "2026-11-30")]);

        Assert.Equal(At.Date("2026-03-01"), window.From(Cadence.Monthly));
    }

    [Fact]
    public void StillOpen_ExtensionThatEndedBeforeTheDay_DoesNotReachBack()
    {
        var window = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date("2026-11-26"), At.Date("2026-11-26"), null,
            [Fact.Extension(7, ObligationKind.ThoughtReport, "2026-03", "2026-11-25")]);

        Assert.Equal(At.Date("2026-10-01"), window.From(Cadence.Monthly));
    }

    [Theory]
    [InlineData("2026-12-03", "2026-11-01")]
    [InlineData("2026-11-26", "2026-10-01")]
    [InlineData("2026-11-30", "2026-10-01")]
    public void StillOpen_FirstDayOfTheCatchUp_KeepsWhatClosedDuringIt(string openOn, string monthlyFrom)
    {
        var window = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date(openOn), At.Date("2026-12-03"), null, []);

        Assert.Equal(At.Date(monthlyFrom), window.From(Cadence.Monthly));
    }

    [Theory]
    [InlineData(40, "2026-10-01")]
    [InlineData(60, "2026-09-01")]
    public void StillOpen_GraceLongerThanAPeriod_KeepsThePeriodsStillInGrace(int graceDays, string monthlyFrom)
    {
        var policy = new Policy([.. Policy.Default.Rules.Select(r => r.Cadence == Cadence.Monthly ? r with { GraceDays = graceDays } : r)]);

        var window = FactWindow.StillOpen(policy, ChaseFrom, At.Date("2026-11-26"), At.Date("2026-11-26"), null, []);

        Assert.Equal(At.Date(monthlyFrom), window.From(Cadence.Monthly));
    }

    [Fact]
    public void StillOpen_TrackingStartedThisMonth_StartsThere()
    {
        var window = FactWindow.StillOpen(Policy.Default, At.Date("2026-11-15"), At.Date("2026-11-26"), At.Date("2026-11-26"), null, []);

        Assert.Equal((At.Date("2026-11-01"), At.Date("2026-10-01"), At.Date("2026-07-01")),
            (window.From(Cadence.Monthly), window.From(Cadence.Quarterly), window.From(Cadence.HalfYearly)));
    }

    [Fact]
    public void Since_DateInsideAPeriod_IncludesThePeriodThatStraddlesIt()
    {
        var window = FactWindow.Since(At.Date("2026-11-15"));

        Assert.Equal((At.Date("2026-11-01"), At.Date("2026-10-01"), At.Date("2026-07-01")),
            (window.From(Cadence.Monthly), window.From(Cadence.Quarterly), window.From(Cadence.HalfYearly)));
        Assert.Equal(["2026-11", "2026-12", "2026-Q4", "2026-H2"], window.PeriodsThrough(At.Date("2026-12-01")).Select(p => p.Key));
    }

    // The rule's promise, checked day by day over a year: a schedule over the window's facts only says exactly what a
    // schedule over every fact says is open (and how), including an overdue one chased since before the monthly
    // window, a report whose extension keeps it open long after its month, excused periods and a straddled window start.
    [Fact]
    public void StillOpen_EveryDayOfAYear_OpenObligationsAsWithEveryFact()
    {
        var branch = new BranchBuilder().TrackingFrom("2025-06-01").Build();
        Member[] members =
        [
            MemberBuilder.Full(2).Build(),
            MemberBuilder.Activist(7).Since("2025-03-01").MentoredBy(2).Build(),
            MemberBuilder.Activist(8).Since("2025-11-20").MentoredBy(2).Build(),
            MemberBuilder.DevelopmentTarget(9).Since("2025-02-01").MentoredBy(2).Build(),
            MemberBuilder.Probationary(10).Since("2025-07-01").Build(),
        ];
        var facts = new List<FulfilmentFact>();
        var excuses = new List<ExcuseFact>();
        var extensions = new List<ExtensionFact>
        {
            Fact.Extension(7, ObligationKind.ThoughtReport, "2026-03", "2026-11-30"),
            Fact.Extension(10, ObligationKind.BranchReport, "2026-Q1", "2026-10-15"),
            Fact.Extension(2, ObligationKind.Talk, "2026-05", "2026-08-20"),
        };
        var n = 0;
        for (var month = At.Date("2025-06-01"); month < At.Date("2027-06-01"); month = month.AddMonths(1), n++)
        {
            var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            // Some on time, some late, some never: a pattern that differs per person.
            if (n % 3 != 0) facts.Add(Fact.Report(7, key, At.Cst($"{month.AddDays(n % 2 == 0 ? 20 : 40):yyyy-MM-dd} 12:00:00")));
            if (n % 4 != 1) facts.Add(Fact.Report(9, key, At.Cst($"{month.AddDays(25):yyyy-MM-dd} 12:00:00")));
            if (n % 5 == 2) excuses.Add(Fact.Excuse(8, 8, ObligationKind.ThoughtReport, key, At.Cst($"{month:yyyy-MM-dd} 09:00:00")));
            else if (n % 2 == 0) facts.Add(Fact.Report(8, key, At.Cst($"{month.AddDays(45):yyyy-MM-dd} 12:00:00")));
            if (n % 3 == 1) facts.Add(Fact.Report(10, key, At.Cst($"{month.AddDays(10):yyyy-MM-dd} 12:00:00")));
            if (n % 2 == 1) facts.Add(Fact.Talk(2, 7, $"{month.AddDays(12):yyyy-MM-dd}", At.Cst($"{month.AddDays(13):yyyy-MM-dd} 12:00:00")));
            if (n % 7 == 3) facts.Add(Fact.Talk(2, 9, $"{month.AddDays(3):yyyy-MM-dd}", At.Cst($"{month.AddDays(3):yyyy-MM-dd} 18:00:00")));
            if (month.Month % 3 == 1 && n % 2 == 0)
                facts.Add(Fact.Report(10, Period.Containing(Cadence.Quarterly, month).Key, At.Cst($"{month.AddMonths(3).AddDays(5):yyyy-MM-dd} 12:00:00"), ObligationKind.BranchReport));
        }
        var all = new ObligationSchedule(branch, Policy.Default, members, new FactIndex(facts, excuses, extensions));
        var talkRules = Policy.Default.Rules.Where(r => DutyKinds.Of(r.Kind).FulfilledBy == Fulfilment.TalkDatedInPeriod).ToList();
        var reachedBack = 0;

        for (var today = At.Date("2026-01-03"); today < At.Date("2027-03-01"); today = today.AddDays(4))
        {
            var now = At.Cst($"{today:yyyy-MM-dd} 10:00:00");
            var chaseFrom = HandInWindow.ChaseFrom(branch.TrackingStartsOn, today);
            var window = FactWindow.StillOpen(Policy.Default, chaseFrom, today, today, null, extensions);
            if (window.From(Cadence.Monthly) < Period.Containing(Cadence.Monthly, today).Previous().Start) reachedBack++;
            var talksFrom = talkRules.Min(r => Period.Containing(r.Cadence, window.From(r.Cadence)).Start);
            bool InWindow(Period p) => p.Start >= window.From(p.Cadence);
            var windowed = new ObligationSchedule(branch, Policy.Default, members, new FactIndex(
                facts.Where(f => f.HeldOn is { } held ? held >= talksFrom : InWindow(f.Period!)),
                excuses.Where(x => InWindow(x.Period)),
                extensions.Where(x => InWindow(x.Period))), window);

            Assert.Equal(Open(all.OpenAt(members, now, chaseFrom), now), Open(windowed.OpenAt(members, now, chaseFrom), now));
        }
        Assert.True(reachedBack > 0, "the extension of 2026-03 should have kept the monthly window open back to March");

        static string[] Open(IEnumerable<Obligation> open, DateTimeOffset now) =>
            [.. open.Select(o => $"{o.Kind} {o.Period.Key} {o.OwnerId}->{o.SubjectId} {o.DueDate:yyyy-MM-dd} {o.StatusOn(now)}")];
    }

    // Winter vacation 20 January - 28 February: January's due date (31 January) moves to 1 March, and the end of the month
    // after it by as many days (HandInWindow.LastDay), so January can be handed in until 29 March instead of 28 February.
    [Theory]
    [InlineData("2026-03-20", "2026-01-01", "2026-02-01")]
    [InlineData("2026-03-29", "2026-01-01", "2026-02-01")]
    [InlineData("2026-03-30", "2026-02-01", "2026-02-01")]
    public void StillOpen_CalendarMovedTheDueDate_KeepsThePeriodOpenPastItsRegularClose(string openOn, string withCalendar, string withoutCalendar)
    {
        var calendar = new AcademicCalendar([new CalendarSpan(SpanKind.WinterVacation, At.Date("2026-01-20"), At.Date("2026-02-28"))]);

        var moved = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date(openOn), At.Date(openOn), calendar, []);
        var regular = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date(openOn), At.Date(openOn), null, []);

        Assert.Equal((At.Date(withCalendar), At.Date(withoutCalendar)), (moved.From(Cadence.Monthly), regular.From(Cadence.Monthly)));
    }

    // Breaks chained: an exam week 22 June - 3 July, then the summer vacation 4 July - 31 August, move the first half year's
    // due date (30 June) to 1 September, and its close by as many days, to 4 March of the next year.
    [Theory]
    [InlineData("2027-03-04", "2026-01-01")]
    [InlineData("2027-03-05", "2026-07-01")]
    public void StillOpen_ChainedBreaksMovedAHalfYear_KeepsItUntilItsMovedClose(string openOn, string halfYearlyFrom)
    {
        var calendar = new AcademicCalendar([
            new CalendarSpan(SpanKind.ExamWeek, At.Date("2026-06-22"), At.Date("2026-07-03")),
            new CalendarSpan(SpanKind.SummerVacation, At.Date("2026-07-04"), At.Date("2026-08-31"))]);

        var window = FactWindow.StillOpen(Policy.Default, At.Date("2026-03-01"), At.Date(openOn), At.Date(openOn), calendar, []);

        Assert.Equal(At.Date(halfYearlyFrom), window.From(Cadence.HalfYearly));
    }

    // Two approved extensions of the same month, by different people: the later one decides how far back the window reaches.
    [Fact]
    public void StillOpen_TwoExtensionsOfOnePeriod_TheLatestKeepsItOpen()
    {
        var window = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date("2026-11-26"), At.Date("2026-11-26"), null,
            [Fact.Extension(7, ObligationKind.ThoughtReport, "2026-05", "2026-11-30"), Fact.Extension(8, ObligationKind.ThoughtReport, "2026-05", "2026-09-30")]);

        Assert.Equal(At.Date("2026-05-01"), window.From(Cadence.Monthly));
    }

    // An extension keeps a period in the window although a later period of the same cadence is already closed: the window
    // starts at the extended one and keeps every period after it (the closed ones are built and say closed).
    [Fact]
    public void StillOpen_ExtendedPeriodBeforeClosedOnes_StartsAtTheExtendedOne()
    {
        var window = FactWindow.StillOpen(Policy.Default, ChaseFrom, At.Date("2026-11-26"), At.Date("2026-11-26"), null,
            [Fact.Extension(10, ObligationKind.BranchReport, "2026-Q1", "2026-12-15")]);

        Assert.Equal((At.Date("2026-01-01"), At.Date("2026-10-01")), (window.From(Cadence.Quarterly), window.From(Cadence.Monthly)));
        Assert.Contains(At.P("2026-Q2"), window.PeriodsThrough(At.Date("2026-11-26")));
    }

    // What the jobs ask, checked every third day over more than a year with a catch-up of 7 days, the academic calendar
    // (a winter vacation, an exam week chained to the summer vacation), grace days, extensions (one of a period whose due
    // date the calendar had moved already), a member who joins mid-year and one transferred out: on every day of the
    // catch-up (at its first and last second) the windowed schedule says exactly what is open and how, as the schedule
    // over every fact says; the committee's summary of a month ended during the catch-up counts the same; and the
    // reminder times of what is open are the same.
    [Fact]
    public void StillOpen_EveryDayOfTheCatchUpWithCalendarAndGrace_SameAnswersAsWithEveryFact()
    {
        var branch = new BranchBuilder().TrackingFrom("2025-06-01").Build();
        var policy = new Policy([.. Policy.Default.Rules.Select(r => r.Cadence switch
        {
            Cadence.Monthly when r.Kind == ObligationKind.ThoughtReport => r with { GraceDays = 5 },
            Cadence.Quarterly => r with { GraceDays = 12 },
            _ => r,
        })]);
        var calendar = new AcademicCalendar([
            new CalendarSpan(SpanKind.WinterVacation, At.Date("2026-01-20"), At.Date("2026-02-28")),
            new CalendarSpan(SpanKind.ExamWeek, At.Date("2026-06-22"), At.Date("2026-07-03")),
            new CalendarSpan(SpanKind.SummerVacation, At.Date("2026-07-04"), At.Date("2026-08-31")),
            new CalendarSpan(SpanKind.WinterVacation, At.Date("2027-01-18"), At.Date("2027-02-26"))]);
        var transferred = MemberBuilder.Activist(12).Since("2025-04-01").MentoredBy(2).Build();
        transferred.TransferOut(At.Date("2026-09-10"));
        Member[] members =
        [
            MemberBuilder.Full(2).Build(),
            MemberBuilder.Activist(7).Since("2025-03-01").MentoredBy(2).Build(),
            MemberBuilder.Activist(8).Since("2025-11-20").MentoredBy(2).Build(),
            MemberBuilder.DevelopmentTarget(9).Since("2025-02-01").MentoredBy(2).Build(),
            MemberBuilder.Probationary(10).Since("2025-07-01").Build(),
            MemberBuilder.Activist(11).Since("2026-08-15").MentoredBy(2).Build(),
            transferred,
        ];
        var facts = new List<FulfilmentFact>();
        var excuses = new List<ExcuseFact>();
        var extensions = new List<ExtensionFact>
        {
            Fact.Extension(7, ObligationKind.ThoughtReport, "2026-03", "2026-11-30"),
            Fact.Extension(10, ObligationKind.BranchReport, "2026-Q1", "2026-10-15"),
            Fact.Extension(2, ObligationKind.Talk, "2026-05", "2026-08-20"),
            Fact.Extension(9, ObligationKind.ThoughtReport, "2026-07", "2026-10-20"),
            Fact.Extension(11, ObligationKind.ThoughtReport, "2026-09", "2027-01-10"),
        };
        var n = 0;
        for (var month = At.Date("2025-06-01"); month < At.Date("2027-06-01"); month = month.AddMonths(1), n++)
        {
            var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            if (n % 3 != 0) facts.Add(Fact.Report(7, key, At.Cst($"{month.AddDays(n % 2 == 0 ? 20 : 40):yyyy-MM-dd} 12:00:00")));
            if (n % 4 != 1) facts.Add(Fact.Report(9, key, At.Cst($"{month.AddDays(n % 5 == 0 ? 70 : 25):yyyy-MM-dd} 12:00:00")));
            if (n % 5 == 2) excuses.Add(Fact.Excuse(8, 8, ObligationKind.ThoughtReport, key, At.Cst($"{month:yyyy-MM-dd} 09:00:00")));
            else if (n % 2 == 0) facts.Add(Fact.Report(8, key, At.Cst($"{month.AddDays(45):yyyy-MM-dd} 12:00:00")));
            if (n % 3 == 1) facts.Add(Fact.Report(10, key, At.Cst($"{month.AddDays(10):yyyy-MM-dd} 12:00:00")));
            if (n % 4 == 0) facts.Add(Fact.Report(11, key, At.Cst($"{month.AddDays(33):yyyy-MM-dd} 12:00:00")));
            if (n % 2 == 1) facts.Add(Fact.Talk(2, 7, $"{month.AddDays(12):yyyy-MM-dd}", At.Cst($"{month.AddDays(13):yyyy-MM-dd} 12:00:00")));
            if (n % 7 == 3) facts.Add(Fact.Talk(2, 9, $"{month.AddDays(3):yyyy-MM-dd}", At.Cst($"{month.AddDays(3):yyyy-MM-dd} 18:00:00")));
            if (month.Month % 3 == 1 && n % 2 == 0)
                facts.Add(Fact.Report(10, Period.Containing(Cadence.Quarterly, month).Key, At.Cst($"{month.AddMonths(3).AddDays(5):yyyy-MM-dd} 12:00:00"), ObligationKind.BranchReport));
        }
        var all = new ObligationSchedule(branch, policy, members, new FactIndex(facts, excuses, extensions, calendar));
        var talkRules = policy.Rules.Where(r => DutyKinds.Of(r.Kind).FulfilledBy == Fulfilment.TalkDatedInPeriod).ToList();
        const int catchUpDays = 7;
        int compared = 0, summaries = 0;

        for (var today = At.Date("2026-01-02"); today < At.Date("2027-03-20"); today = today.AddDays(3))
        {
            var chaseFrom = HandInWindow.ChaseFrom(branch.TrackingStartsOn, today);
            var openOn = today.AddDays(-catchUpDays);
            var window = FactWindow.StillOpen(policy, chaseFrom, openOn, today, calendar, extensions);
            var talksFrom = talkRules.Min(r => Period.Containing(r.Cadence, window.From(r.Cadence)).Start);
            bool InWindow(Period p) => p.Start >= window.From(p.Cadence);
            var windowed = new ObligationSchedule(branch, policy, members, new FactIndex(
                facts.Where(f => f.HeldOn is { } held ? held >= talksFrom : InWindow(f.Period!)),
                excuses.Where(x => InWindow(x.Period)),
                extensions.Where(x => InWindow(x.Period)), calendar), window);

            for (var day = openOn; day <= today; day = day.AddDays(1))
            {
                foreach (var time in new[] { "00:00:00", "10:00:00", "23:59:59" })
                {
                    var at = At.Cst($"{day:yyyy-MM-dd} {time}");
                    var expected = Open(all.OpenAt(members, at, chaseFrom), at);
                    Assert.Equal(expected, Open(windowed.OpenAt(members, at, chaseFrom), at));
                    compared += expected.Length;
                }
                if (day.Day == 1 && day > openOn)
                {
                    var now = At.Cst($"{today:yyyy-MM-dd} 10:00:00");
                    var month = Period.Containing(Cadence.Monthly, day.AddDays(-1));
                    Assert.Equal(Completion(all.CompletionOf(members, month, now)), Completion(windowed.CompletionOf(members, month, now)));
                    summaries++;
                }
            }
        }
        Assert.True(compared > 1000, $"only {compared} open obligations compared");
        Assert.True(summaries > 10, $"only {summaries} monthly summaries compared");

        static string[] Open(IEnumerable<Obligation> open, DateTimeOffset now) =>
            [.. open.Select(o => $"{o.Kind} {o.Period.Key} {o.OwnerId}->{o.SubjectId} {o.DueDate:yyyy-MM-dd} {o.OverdueAfter:o} {o.ClosesAfter:o} {o.StatusOn(now)} {string.Join(',', o.ReminderTimes().Select(t => t.ToString("o", CultureInfo.InvariantCulture)))}")];
        static string Completion(GroupCompletion c) =>
            $"{c.Owed} {c.Done} {c.DoneLate} {c.Excused} {c.Overdue} {c.Open} {c.Missed} {string.Join(';', c.Missing)} {string.Join(';', c.Periods.Select(p => p.Key))}";
    }
}
