using BranchBot.Domain.Calendar;
using BranchBot.Domain.Meetings;

namespace BranchBot.Domain.Tests.Calendar;

public class AcademicCalendarTests
{
    private static CalendarSpan Span(SpanKind kind, string start, string end) => new(kind, At.Date(start), At.Date(end));
    private static Leave LeaveOf(int member, string start, string end, string recorded = "2026-01-01 09:00:00", LeaveKind kind = LeaveKind.Sick) =>
        new(member, kind, At.Date(start), At.Date(end), "", null, At.Cst(recorded));

    private static readonly CalendarSpan Winter = Span(SpanKind.WinterVacation, "2027-01-18", "2027-02-28");
    private static readonly CalendarSpan WinterExams = Span(SpanKind.ExamWeek, "2027-01-11", "2027-01-17");

    private static ObligationSchedule Schedule(AcademicCalendar calendar, Policy? policy = null, params Member[] members) =>
        new(BranchBuilder.Default, policy ?? Policy.Default, members, new FactIndex(calendar: calendar));

    [Fact]
    public void DueDate_MonthEndingInTheWinterVacation_MovesToTheDayAfterItsEnd()
    {
        var activist = MemberBuilder.Activist(7).Build();

        var january = Schedule(new AcademicCalendar([Winter]), null, activist).OwedBy(activist, At.Date("2027-01-01"), At.Date("2027-01-31")).Single();

        Assert.Equal(At.Date("2027-03-01"), january.DueDate);
        Assert.Equal(ObligationStatus.Due, january.StatusOn(At.Cst("2027-02-20 12:00:00")));
        Assert.Equal(ObligationStatus.DueSoon, january.StatusOn(At.Cst("2027-03-01 20:00:00")));
        Assert.Equal(ObligationStatus.Overdue, january.StatusOn(At.Cst("2027-03-02 00:00:00")));
        // The time to hand in late moves with it: the window closes at the end of February + the days moved.
        Assert.Equal(At.Date("2027-03-29"), january.LastHandInDay);
    }

    [Fact]
    public void DueDate_MonthEndingInAnExamWeek_MovesAfterTheExams()
    {
        var exams = Span(SpanKind.ExamWeek, "2026-12-28", "2027-01-03");

        Assert.Equal(At.Date("2027-01-04"), HandInWindow.DueDate(At.P("2026-12"), new AcademicCalendar([exams]), 1));
    }

    [Fact]
    public void DueDate_ExamWeekFollowedByTheSummerVacation_MovesAfterBoth()
    {
        var calendar = new AcademicCalendar([Span(SpanKind.ExamWeek, "2026-06-24", "2026-06-30"), Span(SpanKind.SummerVacation, "2026-07-01", "2026-08-31")]);

        Assert.Equal(At.Date("2026-09-01"), HandInWindow.DueDate(At.P("2026-06"), calendar, 1));
        Assert.Equal(At.Date("2026-09-01"), HandInWindow.DueDate(At.P("2026-Q2"), calendar, 1));
    }

    [Theory]
    [InlineData(0, "2027-01-17")] // 0 days: the exam week's last day, which is not in the vacation after it
    [InlineData(1, "2027-03-01")] // the day after the exams is in the vacation: after that
    [InlineData(3, "2027-03-03")]
    public void MoveOutOfBreaks_DaysAfterBreak_CountFromTheLastBreakOfTheChain(int days, string expected) =>
        Assert.Equal(At.Date(expected), new AcademicCalendar([WinterExams, Winter]).MoveOutOfBreaks(At.Date("2027-01-14"), days));

    [Fact]
    public void DueDate_OutsideEveryBreakOrInASemester_Stays()
    {
        var calendar = new AcademicCalendar([Span(SpanKind.Semester, "2026-09-01", "2027-01-17"), Winter]);

        Assert.Equal(At.Date("2026-11-30"), HandInWindow.DueDate(At.P("2026-11"), calendar, 1));
        Assert.Equal(At.Date("2026-11-30"), HandInWindow.DueDate(At.P("2026-11"), AcademicCalendar.Empty, 1));
    }

    [Fact]
    public void DueDate_PolicysDaysAfterBreak_Decides()
    {
        var activist = MemberBuilder.Activist(7).Build();
        var policy = new Policy(Policy.Default.Rules, daysAfterBreak: 5);

        var january = Schedule(new AcademicCalendar([Winter]), policy, activist).OwedBy(activist, At.Date("2027-01-01"), At.Date("2027-01-31")).Single();

        Assert.Equal(At.Date("2027-03-05"), january.DueDate);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31)]
    public void Policy_DaysAfterBreakOutOfRange_IsRefused(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Policy(Policy.Default.Rules, daysAfterBreak: days));

    [Fact]
    public void Policy_DaysAfterBreak_SurvivesJsonAndDefaultsToOne()
    {
        var policy = new Policy(Policy.Default.Rules, daysAfterBreak: 4);

        Assert.Equal(4, Policy.FromJson(policy.ToJson()).DaysAfterBreak);
        Assert.Equal(1, Policy.FromJson(Policy.Default.ToJson().Replace("\"daysAfterBreak\": 1,", "", StringComparison.Ordinal)).DaysAfterBreak);
    }

    [Fact]
    public void Leave_CoveringHalfTheMonthOrMore_ExcusesItsReport_LessDoesNot()
    {
        var activist = MemberBuilder.Activist(7).Build();
        // March: 16 of 31 days away (excused); April: 10 of 30 (owed).
        var calendar = new AcademicCalendar(leaves: [LeaveOf(7, "2026-03-16", "2026-04-10")]);

        var owed = Schedule(calendar, null, activist).OwedBy(activist, At.Date("2026-03-01"), At.Date("2026-04-30"));
        var now = At.Cst("2026-05-10 12:00:00");

        Assert.Equal(ObligationStatus.Excused, owed.Single(o => o.Period == At.P("2026-03")).StatusOn(now));
        Assert.Equal(ObligationStatus.Overdue, owed.Single(o => o.Period == At.P("2026-04")).StatusOn(now));
        Assert.NotNull(owed.Single(o => o.Period == At.P("2026-03")).Excuse!.Leave);
    }

    [Fact]
    public void Leave_SeveralShortLeaves_AddUpInTheMonth()
    {
        var calendar = new AcademicCalendar(leaves: [LeaveOf(7, "2026-03-01", "2026-03-08"), LeaveOf(7, "2026-03-20", "2026-03-31")]);

        Assert.NotNull(calendar.LeaveExcusing(7, At.P("2026-03")));
        Assert.Null(calendar.LeaveExcusing(7, At.P("2026-Q1")));
        Assert.Null(calendar.LeaveExcusing(8, At.P("2026-03")));
    }

    [Fact]
    public void Leave_OfAMenteeOnSuspension_ExcusesTheMentorsTalkAndTheCommitteesEvaluation()
    {
        var mentor = MemberBuilder.Full(1).Build();
        var mentee = MemberBuilder.Activist(7).MentoredBy(1).Build();
        var calendar = new AcademicCalendar(leaves: [LeaveOf(7, "2026-01-01", "2026-06-30", kind: LeaveKind.Suspension)]);
        var schedule = Schedule(calendar, null, mentor, mentee);
        var now = At.Cst("2026-05-10 12:00:00");

        var about = schedule.About(mentee, At.Date("2026-01-01"), At.Date("2026-03-31"));

        Assert.Contains(about, o => o.Kind == ObligationKind.Talk);
        Assert.Contains(about, o => o.Kind == ObligationKind.ActivistEvaluation);
        Assert.All(about, o => Assert.Equal(ObligationStatus.Excused, o.StatusOn(now)));
        Assert.DoesNotContain(schedule.OpenAt([mentor, mentee], now, At.Date("2026-01-01")), o => o.Period.End < At.Date("2026-07-01"));
    }

    [Fact]
    public void Leave_RecordedLate_ExcusesFromWhenItWasRecorded()
    {
        var activist = MemberBuilder.Activist(7).Build();
        var calendar = new AcademicCalendar(leaves: [LeaveOf(7, "2026-03-01", "2026-03-31", recorded: "2026-04-08 10:00:00")]);

        var march = Schedule(calendar, null, activist).OwedBy(activist, At.Date("2026-03-01"), At.Date("2026-03-31")).Single();

        Assert.Equal(ObligationStatus.Overdue, march.StatusOn(At.Cst("2026-04-05 12:00:00")));
        Assert.Equal(ObligationStatus.Excused, march.StatusOn(At.Cst("2026-04-08 10:00:00")));
    }

    [Fact]
    public void Semester_CalendarWithSemesters_IsTheEnteredOne_ElseThePlaceholder()
    {
        var calendar = new AcademicCalendar([Span(SpanKind.Semester, "2026-09-07", "2027-01-17"), Winter]);

        Assert.Equal(new Semester(At.Date("2026-09-07"), At.Date("2027-01-17")), Semester.Containing(At.Date("2026-11-02"), calendar));
        Assert.Null(Semester.Containing(At.Date("2027-02-01"), calendar));
        Assert.Equal(Semester.Containing(At.Date("2027-02-01")), Semester.Containing(At.Date("2027-02-01"), new AcademicCalendar([Winter])));
    }

    [Fact]
    public void MeetingFigures_CalendarWithOneSemester_CountsTheSemesterQuotaOnce()
    {
        var calendar = new AcademicCalendar([Span(SpanKind.Semester, "2026-09-07", "2027-01-17")]);
        var general = MeetingQuotas.Default.For(MeetingKind.General).Count;

        var withCalendar = MeetingFigures.For([], MeetingQuotas.Default, BranchBuilder.Default, At.Date("2026-01-01"), At.Date("2026-12-31"), At.Cst("2026-12-31 12:00:00"), calendar: calendar);
        var placeholder = MeetingFigures.For([], MeetingQuotas.Default, BranchBuilder.Default, At.Date("2026-01-01"), At.Date("2026-12-31"), At.Cst("2026-12-31 12:00:00"));

        Assert.Equal(general, withCalendar.Kinds.Single(k => k.Kind == MeetingKind.General).Quota);
        Assert.Equal(2 * general, placeholder.Kinds.Single(k => k.Kind == MeetingKind.General).Quota);
    }

    [Fact]
    public void Span_EndingBeforeItStarts_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Span(SpanKind.ExamWeek, "2027-01-17", "2027-01-11"));
        Assert.Throws<ArgumentException>(() => LeaveOf(7, "2027-01-17", "2027-01-11"));
    }
}
