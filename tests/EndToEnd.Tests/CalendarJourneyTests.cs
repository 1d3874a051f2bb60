using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class CalendarJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Committee.Id);
}

/// Issue 11 end to end (校历): on the bot's clock (26 November 2026) the activist 王小明 owes November's thought report by
/// 30 November. The committee opens "校历" and adds an exam week from 30 November to 4 December; the student's own
/// "我的状态" then shows the due date the Domain gives (the policy's days after the break: 5 December by default). The
/// committee removes the span from the card and the student's status shows 30 November again.
public sealed class CalendarJourneyTests(CalendarJourneyFixture fixture) : IClassFixture<CalendarJourneyFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(BotProcess.ClockStartsAt.DateTime);
    private static readonly DateOnly ExamWeekStart = new(2026, 11, 30);
    private static readonly DateOnly ExamWeekEnd = new(2026, 12, 4);

    [Fact]
    public async Task Committee_AddsAnExamWeekOverTheComingDueDate_StudentSeesItMovedAndBackWhenRemoved()
    {
        var november = Period.Containing(Cadence.Monthly, Today);
        var examWeek = new CalendarSpan(SpanKind.ExamWeek, ExamWeekStart, ExamWeekEnd);
        var original = HandInWindow.DueDate(november, AcademicCalendar.Empty, Policy.Default.DaysAfterBreak);
        var moved = HandInWindow.DueDate(november, new AcademicCalendar([examWeek]), Policy.Default.DaysAfterBreak);
        // The Domain's rule, and the literal day a person would read off the calendar.
        Assert.Equal(new DateOnly(2026, 11, 30), original);
        Assert.Equal(new DateOnly(2026, 12, 5), moved);
        string Owed(DateOnly due) => $"{Formats.Period(Language.ZhCn, november)}的思想汇报：{Formats.Date(Language.ZhCn, due)}前";

        var browser = fixture.Browser;
        await using var student = await fixture.OpenWindowAsync(BranchRoster.Student.Id);
        Assert.Contains(Owed(original), await StatusAsync(student));

        await browser.TypeAsync("校历");
        var card = await browser.WaitForCardAsync("学期、假期和考试周");
        Assert.Contains("尚未录入校历", await card.InnerTextAsync());
        await browser.SelectAsync(card, "类型", "考试周");
        await ChatBrowser.FillDateAsync(card, "第一天", ExamWeekStart);
        await ChatBrowser.FillDateAsync(card, "最后一天", ExamWeekEnd);
        await browser.ScreenshotAsync("exam-week-filled");
        var added = await browser.ClickAsync(card, "添加");
        Assert.Equal("2026-11-30", added.Value!.Value.GetProperty("spanStart").GetString());
        Assert.Equal("2026-12-04", added.Value!.Value.GetProperty("spanEnd").GetString());
        await browser.WaitForBotTextAsync("已添加考试周：2026年11月30日至2026年12月4日");
        await browser.ScreenshotAsync("exam-week-added");

        var duringTheBreak = await StatusAsync(student);
        Assert.Contains(Owed(moved), duringTheBreak);
        Assert.DoesNotContain(Owed(original), duringTheBreak);
        await student.Browser.ScreenshotAsync("status-moved");

        // The card the add answered with lists the span and offers to remove it.
        var withSpan = await browser.WaitForCardAsync("要删除的时段");
        await browser.SelectAsync(withSpan, "要删除的时段", "考试周 · 2026年11月30日至2026年12月4日");
        await browser.ClickAsync(withSpan, "删除");
        await browser.WaitForBotTextAsync("已删除考试周：2026年11月30日至2026年12月4日");
        await browser.ScreenshotAsync("exam-week-removed");

        var afterRemoval = await StatusAsync(student);
        Assert.Contains(Owed(original), afterRemoval);
        Assert.DoesNotContain(Owed(moved), afterRemoval);
        await student.Browser.ScreenshotAsync("status-back");
    }

    /// The student types "我的状态" in their own chat and the newest status card's text is returned.
    private static async Task<string> StatusAsync(ChatWindow student)
    {
        var mark = student.Playground.Chat.Count;
        await student.Browser.TypeAsync("我的状态");
        var posted = await student.Playground.WaitForBotMessageAsync(m => m.AllText.Contains("我的状态 · "), mark, what: "the student's status");
        return posted.AllText;
    }
}
