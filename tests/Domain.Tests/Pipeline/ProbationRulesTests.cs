using BranchBot.Domain.Pipeline;

namespace BranchBot.Domain.Tests.Pipeline;

public class ProbationRulesTests
{
    [Theory]
    [InlineData("2026-06-01", "2027-06-01")]
    [InlineData("2024-02-29", "2025-02-28")]
    public void EndsOn_NoPostponement_IsAYearAfterTheProbationBegan(string since, string ends)
    {
        var member = MemberBuilder.Probationary(7).Since(since).Build();

        Assert.Equal(At.Date(ends), ProbationRules.EndsOn(member, []));
    }

    [Fact]
    public void EndsOn_Postponed_IsTheLatestNewEndDecidedDuringThisProbation()
    {
        var member = MemberBuilder.Probationary(7).Since("2026-06-01").Build();

        var ends = ProbationRules.EndsOn(member, [new(At.Date("2027-05-20"), At.Date("2027-12-01")), new(At.Date("2025-01-01"), At.Date("2025-06-01")), new(At.Date("2027-11-20"), At.Date("2028-06-01"))]);

        Assert.Equal(At.Date("2028-06-01"), ends);
    }

    [Fact]
    public void EndsOn_NotProbationary_IsNull()
    {
        Assert.Null(ProbationRules.EndsOn(MemberBuilder.Full(7).Since("2020-01-01").Build(), []));
    }

    [Theory]
    [InlineData("2027-06-01", false)]
    [InlineData("2027-06-02", true)]
    [InlineData("2028-06-01", true)]
    [InlineData("2028-06-02", false)]
    public void MayPostponeTo_NewEnd_IsLaterThanTheEndAndAtMostAYearLater(string newEnd, bool expected)
    {
        var member = MemberBuilder.Probationary(7).Since("2026-06-01").Build();

        Assert.Equal(expected, ProbationRules.MayPostponeTo(member, At.Date("2027-06-01"), At.Date(newEnd)));
    }

    [Fact]
    public void ReminderDays_ThirtyAndSevenDaysAhead_OldestFirst()
    {
        Assert.Equal([(30, At.Date("2027-05-02")), (7, At.Date("2027-05-25"))], ProbationRules.ReminderDays(At.Date("2026-06-01"), At.Date("2027-06-01")));
    }
}
