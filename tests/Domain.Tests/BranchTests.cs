namespace BranchBot.Domain.Tests;

public class BranchTests
{
    [Theory]
    [InlineData("2026-01-31", "2026-01-31T15:59:59+00:00")]
    [InlineData("2028-02-29", "2028-02-29T15:59:59+00:00")]
    [InlineData("2026-12-31", "2026-12-31T15:59:59+00:00")]
    public void EndOfDay_Shanghai_Is155959Utc(string date, string utc)
    {
        var branch = new BranchBuilder().In(Zones.Shanghai).Build();

        var end = branch.EndOfDay(At.Date(date));

        Assert.Equal(At.Instant(utc), end);
        Assert.Equal(TimeSpan.FromHours(8), end.Offset);
    }

    [Theory]
    [InlineData("2026-01-31", "2026-02-01T04:59:59+00:00")] // EST, UTC-5
    [InlineData("2026-03-07", "2026-03-08T04:59:59+00:00")] // the day before clocks go forward
    [InlineData("2026-03-08", "2026-03-09T03:59:59+00:00")] // EDT from 02:00 that day, UTC-4
    [InlineData("2026-06-30", "2026-07-01T03:59:59+00:00")]
    [InlineData("2026-11-01", "2026-11-02T04:59:59+00:00")] // back to EST at 02:00 that day
    public void EndOfDay_NewYork_FollowsDaylightSaving(string date, string utc)
    {
        var branch = new BranchBuilder().In(Zones.NewYork).Build();

        Assert.Equal(At.Instant(utc), branch.EndOfDay(At.Date(date)));
    }

    [Theory]
    [InlineData("2026-01-31T15:59:59+00:00", "2026-01-31")]
    [InlineData("2026-01-31T16:00:00+00:00", "2026-02-01")]
    [InlineData("2026-01-31T23:59:59+08:00", "2026-01-31")]
    public void LocalDate_Instant_IsShanghaiDate(string instant, string date) =>
        Assert.Equal(At.Date(date), BranchBuilder.Default.LocalDate(At.Instant(instant)));

    [Fact]
    public void ToInstant_LocalWallClock_IsThatTimeInTheBranchZone()
    {
        var branch = new BranchBuilder().In(Zones.NewYork).Build();

        var instant = branch.ToInstant(new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Local));

        Assert.Equal(At.Instant("2026-07-01T13:00:00+00:00"), instant);
    }
}
