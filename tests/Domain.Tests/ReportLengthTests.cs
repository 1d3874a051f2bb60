namespace BranchBot.Domain.Tests;

public class ReportLengthTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("我爱学习", 4)]
    [InlineData("我爱学习。", 4)]
    [InlineData("I love studying", 3)]
    [InlineData("don't stop-gap", 2)]
    [InlineData("学习 Party Constitution 的体会", 7)]
    [InlineData("2026年11月", 4)]
    [InlineData("🙂🙂 **", 0)]
    [InlineData("第一段\n\n第二段", 6)]
    [InlineData("𠀀", 1)]
    public void Count_Text_CountsHanIndividuallyAndLatinByWord(string? text, int expected) =>
        Assert.Equal(expected, ReportLength.Count(text));

    [Theory]
    [InlineData("学习 Party 的体会", 6, true)]
    [InlineData("学习 Party 的体会", 7, false)]
    [InlineData("🙂🙂🙂", 1, false)]
    [InlineData(null, 0, true)]
    public void IsLongEnough_TextAndMinimum_ComparesCount(string? text, int minLength, bool expected) =>
        Assert.Equal(expected, ReportLength.IsLongEnough(text, minLength));
}
