using BranchBot.Domain.Calendar;

namespace BranchBot.Domain.Tests.Calendar;

public sealed class CalendarSpanRulesTests
{
    private static readonly CalendarSpan[] Existing =
    [
        new(SpanKind.Semester, At.Date("2026-09-01"), At.Date("2027-01-17")),
        new(SpanKind.ExamWeek, At.Date("2027-01-11"), At.Date("2027-01-17")),
    ];

    [Theory]
    [InlineData(SpanKind.Semester, "2027-02-20", "2027-07-10", null)]
    [InlineData(SpanKind.Semester, "2027-01-17", "2027-07-10", SpanProblem.Overlaps)]
    [InlineData(SpanKind.Semester, "2026-08-01", "2026-09-01", SpanProblem.Overlaps)]
    [InlineData(SpanKind.WinterVacation, "2027-01-17", "2027-02-19", null)]
    [InlineData(SpanKind.ExamWeek, "2027-01-18", "2027-01-18", null)]
    [InlineData(SpanKind.ExamWeek, "2027-01-05", "2027-01-11", SpanProblem.Overlaps)]
    [InlineData(SpanKind.NationalDay, "2026-10-07", "2026-10-01", SpanProblem.EndBeforeStart)]
    public void Check_NewSpan_EndsAfterItStartsAndOverlapsNoneOfItsKind(SpanKind kind, string start, string end, SpanProblem? expected) =>
        Assert.Equal(expected, CalendarSpanRules.Check(kind, At.Date(start), At.Date(end), Existing));
}
