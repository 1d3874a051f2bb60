using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Pipeline;

namespace BranchBot.Domain.Tests.Evaluations;

public class HalfYearlyRoundsOpeningTests
{
    [Theory]
    [InlineData("2026-03-15", "2026-09-13", 0)]   // the first half year's last day is 2026-09-14
    [InlineData("2026-03-15", "2026-09-14", 1)]   // at 6 months, on the half year's last day
    [InlineData("2026-03-15", "2027-03-13", 1)]
    [InlineData("2026-03-15", "2027-03-14", 2)]   // at 12 months: the day before the member is full on time
    [InlineData("2026-03-15", "2027-06-01", 2)]   // the end passed without a decision: still round 2
    [InlineData("2026-03-15", "2027-09-14", 2)]   // a third half year lies outside a one-year probation
    [InlineData("2026-08-31", "2027-02-26", 0)]   // month end: six months on is 2027-02-28, so the half year ends on the 27th
    [InlineData("2026-08-31", "2027-02-27", 1)]
    [InlineData("2026-08-31", "2027-08-30", 2)]
    [InlineData("2024-02-29", "2024-08-28", 1)]   // Feb 29
    [InlineData("2024-02-29", "2025-02-26", 1)]
    [InlineData("2024-02-29", "2025-02-27", 2)]   // a year on is 2025-02-28, the probation's end
    [InlineData("2026-12-31", "2027-06-29", 1)]   // year edge: six months on is 2027-06-30
    public void OpensOn_OneYearProbation_OpensAtSixAndTwelveMonthsOnTheHalfYearsLastDay(string since, string date, int expected)
    {
        var member = MemberBuilder.Probationary(7).Since(since).Build();
        var end = ProbationRules.EndsOn(member, [])!.Value;

        Assert.Equal(expected, HalfYearlyRounds.OpensOn(At.Date(since), end, At.Date(date)));
    }

    [Theory]
    [InlineData("2027-09-15", "2027-09-13", 2)]
    [InlineData("2027-09-15", "2027-09-14", 3)]   // postponed to 18 months: a third round at 18 months
    [InlineData("2028-03-15", "2028-03-14", 4)]   // postponed by the full year: four rounds
    [InlineData("2027-06-15", "2027-09-14", 2)]   // postponed by 3 months: the cut-short half year has no round of its own
    public void OpensOn_PostponedProbation_AddsTheHalfYearsWithinTheNewEnd(string newEnd, string date, int expected)
    {
        var member = MemberBuilder.Probationary(7).Since("2026-03-15").Build();
        var end = ProbationRules.EndsOn(member, [new Postponement(At.Date("2027-03-01"), At.Date(newEnd))])!.Value;

        Assert.Equal(expected, HalfYearlyRounds.OpensOn(At.Date("2026-03-15"), end, At.Date(date)));
    }

    [Fact]
    public void OpensOn_SameDayAsTheCommitteeMayOpen_AgreesWithDueOnWithinTheProbation()
    {
        var since = At.Date("2026-03-15");
        for (var date = since; date < since.AddYears(1); date = date.AddDays(1))
            Assert.Equal(HalfYearlyRounds.DueOn(since, date), HalfYearlyRounds.OpensOn(since, since.AddYears(1), date));
    }

    [Theory]
    [InlineData("2026-11-12", "2026-11-10", null)]          // before the opening
    [InlineData("2026-11-12", "2026-11-12", null)]          // the opening day: the cards just went out
    [InlineData("2026-11-12", "2026-11-18", null)]
    [InlineData("2026-11-12", "2026-11-19", "2026-11-19")]  // a week after
    [InlineData("2026-11-12", "2026-11-25", "2026-11-19")]  // a run that missed nothing new: the same chase, so nothing again
    [InlineData("2026-11-12", "2026-11-26", "2026-11-26")]  // two weeks after
    [InlineData("2027-01-28", "2027-02-04", "2027-02-04")]  // across a month end
    [InlineData("2026-12-28", "2027-01-04", "2027-01-04")]  // across a year end
    [InlineData("2028-02-22", "2028-02-29", "2028-02-29")]  // Feb 29
    public void ChaseDayOn_WeeksAfterTheOpening_IsTheLatestWholeWeek(string openedOn, string date, string? expected)
    {
        Assert.Equal(expected is null ? null : At.Date(expected), HalfYearlyRounds.ChaseDayOn(At.Date(openedOn), At.Date(date)));
    }
}
