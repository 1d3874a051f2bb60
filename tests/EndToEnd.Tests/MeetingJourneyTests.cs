using System.Text.RegularExpressions;
using BranchBot.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

public sealed class MeetingJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Committee.Id);
}

/// Issue 11 end to end (三会一课): the committee schedules a general meeting for 10:30 on the bot's clock (26 November
/// 2026, 10:00, so check-in is already open); the probationary member, with their own chat open, checks in from the
/// invitation; the bot is restarted at noon (the meeting is over) and the convener writes the minutes from their own
/// invitation; the committee's summary counts the meeting against the semester's quota.
public sealed class MeetingJourneyTests(MeetingJourneyFixture fixture) : IClassFixture<MeetingJourneyFixture>
{
    private const string Invitation = "会议通知：党员大会";

    [Fact]
    public async Task Committee_SchedulesAGeneralMeeting_AttendeeChecksInConvenerWritesMinutesAndTheSummaryCountsIt()
    {
        var (browser, playground) = (fixture.Browser, fixture.Playground);
        await using var window = await fixture.OpenWindowAsync(BranchRoster.Probationary.Id);
        await window.Browser.TypeAsync("帮助");
        await window.Browser.WaitForCardAsync("支部助手使用帮助");

        await browser.TypeAsync("召开会议");
        var form = await browser.WaitForCardAsync("召开会议（三会一课）");
        await browser.SelectAsync(form, "会议类型", "党员大会");
        await browser.SelectAsync(form, "开始时间", "10:30");
        // Not ChatBrowser.FillAsync: the online toggle's own label ("线上召开（地点处填链接）") also contains "地点".
        await FieldBelow(form, "地点").FillAsync("艺设楼 A101");
        await ChatBrowser.FillAsync(form, "议题", "学习贯彻全会精神");
        await browser.ScreenshotAsync("meeting-form-filled");
        var (chatMark, attendeeMark) = (playground.Chat.Count, window.Playground.Chat.Count);
        var scheduled = await browser.ClickAsync(form, "发出通知");
        Assert.NotNull(scheduled.Value);
        await browser.WaitForCardAsync("已安排党员大会");

        // Every party member is invited through the delivery ledger: the probationary member, and the convener too.
        await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains(Invitation), attendeeMark, what: "the attendee's invitation");
        var invitation = await window.Browser.WaitForCardAsync(Invitation);
        Assert.Contains("艺设楼 A101", await invitation.InnerTextAsync());
        var checkInMark = window.Playground.Chat.Count;
        await window.Browser.ClickAsync(invitation, "签到");
        var checkedIn = await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains("已签到：党员大会"), checkInMark, what: "the check-in receipt");
        Assert.True(checkedIn.IsUpdate, $"The check-in receipt was posted as a new message, not an update: {checkedIn}");
        await window.Browser.WaitForCardAsync("已签到：党员大会");
        await window.Browser.ScreenshotAsync("attendee-checked-in");
        await playground.WaitForBotMessageAsync(m => m.AllText.Contains(Invitation), chatMark, what: "the convener's own invitation");
        var own = await browser.WaitForCardAsync(Invitation);

        // Two hours later the meeting is over and the convener, its recorder, writes the minutes.
        await fixture.Bot.RestartAsync(BotProcess.ClockStartsAt.AddHours(2));
        await browser.ClickAsync(own, "写会议记录");
        var minutes = await browser.WaitForCardAsync("会议记录：党员大会");
        await ChatBrowser.FillAsync(minutes, "会议记录", "传达学习了全会精神，赵磊等同志作了交流发言。");
        await browser.ClickAsync(minutes, "保存记录");
        await browser.WaitForCardAsync("已保存党员大会");
        await browser.ScreenshotAsync("minutes-saved");

        await browser.TypeAsync("支部统计");
        var summary = await browser.WaitForCardAsync("三会一课（本学期");
        var text = await summary.InnerTextAsync();
        Assert.Contains("党员大会", text);
        Assert.Contains("已开 1 / 3 次", text);
        await browser.ScreenshotAsync("summary-counts-the-meeting");
    }

    /// The text field right below the 1.2 card's label TextBlock whose whole text is <paramref name="label"/>.
    private static ILocator FieldBelow(ILocator card, string label) =>
        card.Locator(".ac-textBlock").Filter(new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(label)}\s*$") }).First
            .Locator("xpath=following::*[self::input or self::textarea][1]");
}
