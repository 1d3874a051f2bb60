namespace BranchBot.Domain.Tests;

public class PeriodTests
{
    [Theory]
    [InlineData(Cadence.Monthly, 2026, 1, "2026-01-01", "2026-01-31")]
    [InlineData(Cadence.Monthly, 2026, 4, "2026-04-01", "2026-04-30")]
    [InlineData(Cadence.Monthly, 2027, 2, "2027-02-01", "2027-02-28")]
    [InlineData(Cadence.Monthly, 2028, 2, "2028-02-01", "2028-02-29")]
    [InlineData(Cadence.Monthly, 2026, 12, "2026-12-01", "2026-12-31")]
    [InlineData(Cadence.Quarterly, 2026, 1, "2026-01-01", "2026-03-31")]
    [InlineData(Cadence.Quarterly, 2026, 2, "2026-04-01", "2026-06-30")]
    [InlineData(Cadence.Quarterly, 2026, 4, "2026-10-01", "2026-12-31")]
    [InlineData(Cadence.HalfYearly, 2026, 1, "2026-01-01", "2026-06-30")]
    [InlineData(Cadence.HalfYearly, 2026, 2, "2026-07-01", "2026-12-31")]
    public void StartEnd_Period_AreFirstAndLastDay(Cadence cadence, int year, int number, string start, string end)
    {
        var period = new Period(cadence, year, number);

        Assert.Equal(At.Date(start), period.Start);
        Assert.Equal(At.Date(end), period.End);
    }

    [Theory]
    [InlineData("2026-01", "2026-02")]
    [InlineData("2028-01", "2028-02")]
    [InlineData("2026-12", "2027-01")]
    [InlineData("2026-Q1", "2026-Q2")]
    [InlineData("2026-Q4", "2027-Q1")]
    [InlineData("2026-H1", "2026-H2")]
    [InlineData("2026-H2", "2027-H1")]
    public void NextPrevious_AcrossEdges_AreInverse(string key, string next)
    {
        Assert.Equal(At.P(next), At.P(key).Next());
        Assert.Equal(At.P(key), At.P(next).Previous());
    }

    [Theory]
    [InlineData(Cadence.Monthly, "2026-01-31", "2026-01")]
    [InlineData(Cadence.Monthly, "2026-02-01", "2026-02")]
    [InlineData(Cadence.Monthly, "2028-02-29", "2028-02")]
    [InlineData(Cadence.Monthly, "2027-02-28", "2027-02")]
    [InlineData(Cadence.Monthly, "2027-03-01", "2027-03")]
    [InlineData(Cadence.Quarterly, "2026-03-31", "2026-Q1")]
    [InlineData(Cadence.Quarterly, "2026-04-01", "2026-Q2")]
    [InlineData(Cadence.Quarterly, "2026-12-31", "2026-Q4")]
    [InlineData(Cadence.Quarterly, "2027-01-01", "2027-Q1")]
    [InlineData(Cadence.HalfYearly, "2026-06-30", "2026-H1")]
    [InlineData(Cadence.HalfYearly, "2026-07-01", "2026-H2")]
    [InlineData(Cadence.HalfYearly, "2026-12-31", "2026-H2")]
    public void Containing_Date_IsThePeriodOfThatDate(Cadence cadence, string date, string key)
    {
        var period = Period.Containing(cadence, At.Date(date));

        Assert.Equal(key, period.Key);
        Assert.True(period.Contains(At.Date(date)));
        Assert.False(period.Contains(period.Start.AddDays(-1)));
        Assert.False(period.Contains(period.End.AddDays(1)));
    }

    [Theory]
    [InlineData("2026-11", Cadence.Monthly, 2026, 11)]
    [InlineData("2026-01", Cadence.Monthly, 2026, 1)]
    [InlineData("2026-Q4", Cadence.Quarterly, 2026, 4)]
    [InlineData("2026-H2", Cadence.HalfYearly, 2026, 2)]
    [InlineData("2200-12", Cadence.Monthly, 2200, 12)]
    public void Parse_GoodKey_RoundTrips(string key, Cadence cadence, int year, int number)
    {
        var period = Period.Parse(key);

        Assert.Equal(new Period(cadence, year, number), period);
        Assert.Equal(key, period.Key);
        Assert.True(Period.TryParse(key, out var parsed));
        Assert.Equal(period, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026")]
    [InlineData("2026-1")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026-H3")]
    [InlineData("2026-q4")]
    [InlineData("2026/11")]
    [InlineData("1999-12")]
    [InlineData("2026-11 ")]
    [InlineData("+026-11")]
    [InlineData("2026--1")]
    [InlineData("2026-M11")]
    public void TryParse_BadKey_ReturnsFalse(string? key)
    {
        Assert.False(Period.TryParse(key, out var period));
        Assert.Null(period);
    }

    [Fact]
    public void Parse_BadKey_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => Period.Parse("2026-Q5"));

    [Theory]
    [InlineData(Cadence.Monthly, 2026, 0)]
    [InlineData(Cadence.Monthly, 2026, 13)]
    [InlineData(Cadence.Quarterly, 2026, 5)]
    [InlineData(Cadence.HalfYearly, 2026, 3)]
    [InlineData(Cadence.Monthly, 1999, 1)]
    [InlineData((Cadence)2, 2026, 1)]
    public void Constructor_OutOfRange_Throws(Cadence cadence, int year, int number) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Period(cadence, year, number));

    [Fact]
    public void CompareTo_Periods_OrdersByStart()
    {
        var sorted = new[] { At.P("2027-01"), At.P("2026-Q4"), At.P("2026-02"), At.P("2026-H1") }.Order().Select(p => p.Key);

        Assert.Equal(["2026-H1", "2026-02", "2026-Q4", "2027-01"], sorted);
    }
}
