namespace BranchBot.Domain.Tests;

public class CountdownTests
{
    [Theory]
    [InlineData("2025-11-19", "2026-11-19", 0)]
    [InlineData("2026-03-15", "2027-03-15", 116)]
    [InlineData("2024-02-29", "2025-02-28", -629)]
    [InlineData("2025-10-01", "2026-10-01", -49)]
    public void Of_Activist_EligibleForDevelopmentAYearAfterTheActivistStageBegan(string since, string eligible, int daysLeft)
    {
        var activist = MemberBuilder.Activist(7).Since(since).Build();

        var countdown = Countdown.Of(activist, At.Date("2026-11-19"));

        Assert.Equal(new Countdown(Stage.Activist, At.Date(since), Stage.DevelopmentTarget, At.Date(eligible), daysLeft), countdown);
    }

    [Fact]
    public void Of_ProbationaryAfterAHistory_ProbationEndsAYearAfterTheProbationBegan()
    {
        var member = MemberBuilder.Activist(7).Since("2024-03-01")
            .Then(Stage.DevelopmentTarget, "2025-03-10")
            .Then(Stage.Probationary, "2026-06-01")
            .Build();

        var countdown = Countdown.Of(member, At.Date("2026-11-19"));

        Assert.Equal(new Countdown(Stage.Probationary, At.Date("2026-06-01"), Stage.Full, At.Date("2027-06-01"), 194), countdown);
    }

    [Fact]
    public void Of_CorrectedStageDate_CountsFromTheCorrectedDate()
    {
        var member = MemberBuilder.Probationary(7).Since("2026-06-01")
            .Then(Stage.Probationary, "2026-05-20", StageChangeSource.Correction)
            .Build();

        Assert.Equal(At.Date("2027-05-20"), Countdown.Of(member, At.Date("2026-11-19")).NextFrom);
    }

    [Fact]
    public void Of_DevelopmentTarget_NextIsProbationWithoutAFixedDate()
    {
        var member = MemberBuilder.DevelopmentTarget(7).Since("2026-04-01").Build();

        Assert.Equal(new Countdown(Stage.DevelopmentTarget, At.Date("2026-04-01"), Stage.Probationary, null, null), Countdown.Of(member, At.Date("2026-11-19")));
    }

    [Fact]
    public void Of_FullMember_HasNothingNext()
    {
        var member = MemberBuilder.Activist(7).Since("2020-01-01").Then(Stage.Probationary, "2022-06-01").Then(Stage.Full, "2023-06-01").Build();

        Assert.Equal(new Countdown(Stage.Full, At.Date("2023-06-01"), null, null, null), Countdown.Of(member, At.Date("2026-11-19")));
    }

    [Fact]
    public void Of_Applicant_NextIsTheActivistStageWithNoDate()
    {
        var member = MemberBuilder.Activist(7).Since("2025-09-01").Then(Stage.Applicant, "2026-07-01", StageChangeSource.CommitteeAction).Build();

        Assert.Equal(new Countdown(Stage.Applicant, At.Date("2026-07-01"), Stage.Activist, null, null), Countdown.Of(member, At.Date("2026-11-19")));
    }
}
