using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class ReminderJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Student.Id);
}

/// Issue 5 end to end: an operator runs the monthly reminder job as of a chosen branch-local time from the command
/// line (a separate process on the same database); the reminder card appears in the student's open chat in the
/// Teams emulator, and answering it works like any report form.
public sealed class ReminderJourneyTests(ReminderJourneyFixture fixture) : IClassFixture<ReminderJourneyFixture>
{
    private const string ReminderTitle = "提醒：2026年11月的思想汇报";
    private const string ReceiptTitle = "已收到：2026年11月的思想汇报";

    private const string ReportText =
        "这个月我参加了支部组织的主题党日活动，重温了入党誓词，深受教育。在学习上我坚持每天阅读理论文章，" +
        "并把学到的内容与专业课程结合起来思考。我也认识到自己在批评与自我批评方面做得还不够，今后要主动向党员同志请教，" +
        "在班级和宿舍中发挥带头作用，用实际行动向党组织靠拢。";

    [Fact]
    public async Task JobsRun_MonthlyReminders_CardAppearsInStudentsChatAndAnsweringItStoresTheReport()
    {
        var (browser, playground, bot) = (fixture.Browser, fixture.Playground, fixture.Bot);
        var studentChat = $"personal-{BranchRoster.Student.Id}";
        await browser.TypeAsync("帮助");
        await browser.WaitForCardAsync("支部助手使用帮助");

        var chatMark = playground.Chat.Count;
        var run = await bot.RunCommandAsync("jobs", "run", "monthly-reminders", "--as-of", "2026-11-23T09:00");
        Assert.True(run.ExitCode == 0, run.Output);

        var reminder = await playground.WaitForBotMessageAsync(
            m => m.ConversationId == studentChat && !m.IsUpdate && m.AllText.Contains(ReminderTitle), chatMark, what: "the monthly reminder");
        var card = await browser.WaitForCardAsync(ReminderTitle);
        await browser.ScreenshotAsync("reminder-arrived");

        await ChatBrowser.FillAsync(card, "汇报内容", ReportText);
        chatMark = playground.Chat.Count;
        var submitted = await browser.ClickAsync(card, "提交");
        var receipt = await playground.WaitForBotMessageAsync(
            m => m.MessageId == reminder.MessageId && m.AllText.Contains(ReceiptTitle), chatMark, what: "the receipt replacing the reminder");
        await browser.WaitForCardAsync(ReceiptTitle);
        await browser.ScreenshotAsync("reminder-answered");

        Assert.Equal(200, submitted.Status);
        Assert.True(receipt.IsUpdate, $"The receipt was posted as a new message, not an update: {receipt}");
        Assert.Equal(0, await browser.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = ReminderTitle }).CountAsync());

        var again = await bot.RunCommandAsync("jobs", "run", "monthly-reminders", "--as-of", "2026-11-23T09:00");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.DoesNotContain(playground.Chat.Items.Skip(chatMark), m => m.ConversationId == studentChat && !m.IsUpdate && m.AllText.Contains(ReminderTitle));
    }
}
