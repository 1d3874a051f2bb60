using BranchBot.Domain.Pipeline;

namespace BranchBot.Domain.Tests.Pipeline;

public class DefenceScoringTests
{
    [Theory]
    [InlineData(100, 100, "100")]
    [InlineData(0, 0, "0")]
    [InlineData(80, 90, "87")]
    [InlineData(85, 72, "75.9")]
    [InlineData(1, 0, "0.3")]
    [InlineData(0, 1, "0.7")]
    [InlineData(59, 60, "59.7")]
    public void Score_Marks_IsThirtyPercentDefencePlusSeventyPercentDailyWorkExactly(int defence, int dailyWork, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DefenceScoring.Score(new(defence, dailyWork)));
    }

    [Theory]
    [InlineData(-1, 50)]
    [InlineData(101, 50)]
    [InlineData(50, -1)]
    [InlineData(50, 101)]
    public void Score_MarkOutOfRange_Throws(int defence, int dailyWork)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DefenceScoring.Score(new(defence, dailyWork)));
    }

    [Fact]
    public void Result_ThreeScorers_AveragesTheExactScores()
    {
        // 87, 75.9 and 67: 229.9 / 3 = 76.6333… → 76.63.
        var result = DefenceScoring.Result([new(80, 90), new(85, 72), new(60, 70)]);

        Assert.Equal(3, result.Scorers);
        Assert.Equal(76.63m, result.Average);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Result_AverageOnAMidpoint_RoundsHalfAwayFromZero()
    {
        // 59.7 + 60 × 3 = 239.7; / 4 = 59.925 → 59.93 (half to even would give 59.92).
        var result = DefenceScoring.Result([new(59, 60), new(60, 60), new(60, 60), new(60, 60)]);

        Assert.Equal(59.93m, result.Average);
        Assert.False(result.Passed);
    }

    [Theory]
    [InlineData(62, 59, "59.97", false)] // 60 + 60 + 59.9 = 179.9; / 3 = 59.9666… → 59.97
    [InlineData(60, 60, "60.00", true)]  // exactly the pass mark
    [InlineData(58, 61, "60.03", true)]  // 60 + 60 + 60.1 = 180.1; / 3 = 60.0333… → 60.03
    public void Result_AroundThePassMark_PassesFromSixty(int defence, int dailyWork, string average, bool passed)
    {
        var result = DefenceScoring.Result([new(60, 60), new(60, 60), new(defence, dailyWork)]);

        Assert.Equal(decimal.Parse(average, System.Globalization.CultureInfo.InvariantCulture), result.Average);
        Assert.Equal(passed, result.Passed);
    }

    [Fact]
    public void Result_TwoScorers_IsNotEnoughEvenWithFullMarks()
    {
        var result = DefenceScoring.Result([new(100, 100), new(100, 100)]);

        Assert.Equal(100m, result.Average);
        Assert.False(result.EnoughScorers);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Result_NoScores_IsZeroAndNotPassed()
    {
        Assert.Equal(new DefenceResult(0, 0m, false, false), DefenceScoring.Result([]));
    }
}
