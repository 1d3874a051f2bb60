using BranchBot.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

public sealed class BranchJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Student.Id);
}

/// Issue 4 end to end: the real bot behind the Teams emulator, each role in its own browser chat. The bot runs on
/// its chosen clock (<see cref="BotProcess.ClockStartsAt"/>, 26 November 2026) with tracking from 1 October, so October's reports are overdue. Every test
/// starts by becoming its person, so the tests do not depend on their order; they touch different people's duties.
public sealed class BranchJourneyTests(BranchJourneyFixture fixture) : IClassFixture<BranchJourneyFixture>
{
    private const string October = "2026年10月";
    private const string ReportFormTitle = "思想汇报 · " + October;
    private const string ReceiptTitle = "已收到：" + October + "的思想汇报";

    // 156 Chinese characters: each counts as a word (punctuation does not); the form asks for at least 100.
    private const string ReportText =
        "本月我认真学习了党章和习近平新时代中国特色社会主义思想，进一步认识到作为入党积极分子必须在思想上、学习上和生活中严格要求自己。" +
        "在专业学习中，我主动帮助同学解决设计软件的问题，参加了学院组织的志愿服务活动，体会到为人民服务不是一句口号，而是落实在日常的每一件小事里。" +
        "下个月我计划继续阅读党史，按时参加党课，并向联系人汇报自己的思想变化。";

    [Fact]
    public async Task Student_SubmitsReport_ReceiptReplacesTheFormInPlace()
    {
        await BecomeAsync(BranchRoster.Student);
        var (browser, playground) = (fixture.Browser, fixture.Playground);

        var chatMark = playground.Chat.Count;
        await browser.TypeAsync("交思想汇报");
        var posted = await playground.WaitForBotMessageAsync(m => !m.IsUpdate && m.AllText.Contains(ReportFormTitle), chatMark, what: "the report form");
        var form = await browser.WaitForCardAsync(ReportFormTitle);
        await ChatBrowser.FillAsync(form, "汇报内容", ReportText);
        await browser.ScreenshotAsync("report-form-filled");
        var cardsBefore = await browser.Page.Locator(".ac-adaptiveCard").CountAsync();

        chatMark = playground.Chat.Count;
        var submitted = await browser.ClickAsync(form, "提交");
        var update = await playground.WaitForBotMessageAsync(m => m.MessageId == posted.MessageId && m.AllText.Contains(ReceiptTitle), chatMark, what: "the receipt");
        var receipt = await browser.WaitForCardAsync(ReceiptTitle);
        await browser.ScreenshotAsync("receipt-in-place");

        Assert.Equal(200, submitted.Status);
        Assert.Equal(posted.MessageId, submitted.Request.GetProperty("replyToId").GetString());
        Assert.True(update.IsUpdate, $"The receipt was posted as a new message, not an update: {update}");
        Assert.Contains(ReportText[..20], submitted.Value!.Value.GetProperty("text").GetString());
        var receiptText = await receipt.InnerTextAsync();
        Assert.Contains("156", receiptText);
        Assert.Contains("提交时间晚于截止日期（2026年10月31日）", receiptText);
        Assert.Equal(cardsBefore, await browser.Page.Locator(".ac-adaptiveCard").CountAsync());
        Assert.Equal(0, await browser.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = ReportFormTitle }).CountAsync());

        await browser.TypeAsync("我的状态");
        var status = await browser.WaitForCardAsync("我的状态");
        await browser.ScreenshotAsync("my-status");
        var statusText = await status.InnerTextAsync();
        Assert.Contains("最近完成", statusText);
        Assert.Contains(October, statusText);
    }

    [Fact]
    public async Task Mentor_LogsTalk_SavedConfirmationReplacesTheForm()
    {
        await BecomeAsync(BranchRoster.Mentor);
        var (browser, playground) = (fixture.Browser, fixture.Playground);

        var chatMark = playground.Chat.Count;
        await browser.TypeAsync("log talk");
        var posted = await playground.WaitForBotMessageAsync(m => !m.IsUpdate && m.AllText.Contains("Log a talk"), chatMark, what: "the talk form");
        var form = await browser.WaitForCardAsync("Log a talk");
        await browser.SelectAsync(form, "Mentee", BranchRoster.Student.Name);
        await ChatBrowser.FillDateAsync(form, "Date of the talk", new DateOnly(2026, 11, 20));
        await form.GetByRole(AriaRole.Radio, new() { Name = "Online", Exact = true }).CheckAsync();
        await ChatBrowser.FillAsync(form, "Topic", "学习党章第一章");
        await ChatBrowser.FillAsync(form, "Summary", "谈了入党动机和近期的学习计划，她准备下月参加党课。");
        await ChatBrowser.FillAsync(form, "Follow-up (optional)", "下次谈党史阅读");
        await browser.ScreenshotAsync("talk-form-filled");

        chatMark = playground.Chat.Count;
        var submitted = await browser.ClickAsync(form, "Save");
        const string saved = "Saved: talk with 王小明 on Nov 20, 2026 (Online).";
        var update = await playground.WaitForBotMessageAsync(m => m.MessageId == posted.MessageId && m.AllText.Contains(saved), chatMark, what: "the saved confirmation");
        await browser.WaitForCardAsync(saved);
        await browser.ScreenshotAsync("talk-saved");

        var value = submitted.Value!.Value;
        Assert.Equal("2026-11-20", value.GetProperty("date").GetString());
        Assert.Equal("Online", value.GetProperty("mode").GetString());
        Assert.True(update.IsUpdate, $"The confirmation was posted as a new message, not an update: {update}");
        Assert.Equal(0, await browser.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = "Log a talk" }).CountAsync());
    }

    [Fact]
    public async Task GroupLeader_NudgesOverdueStudent_StudentsOpenChatGetsReminderAndForm()
    {
        var student = BranchRoster.Student2;
        var studentChat = $"personal-{student.Id}";
        await using var window = await fixture.OpenWindowAsync(student.Id);
        await window.Browser.TypeAsync("帮助");
        await window.Browser.WaitForCardAsync("支部助手使用帮助");
        await window.Browser.ScreenshotAsync("student-opened-the-bot");

        await BecomeAsync(BranchRoster.GroupLeader);
        var browser = fixture.Browser;
        await browser.TypeAsync("逾期");
        var list = await browser.WaitForCardAsync("逾期名单 · " + BranchRoster.FirstGroup);
        var row = list.Locator(".ac-container")
            .Filter(new() { HasText = student.Name })
            .Filter(new() { Has = browser.Page.GetByRole(AriaRole.Button, new() { Name = "提醒", Exact = true }) })
            .Last;
        Assert.Contains("思想汇报", await row.InnerTextAsync());
        await browser.ScreenshotAsync("leader-overdue-list");

        var studentMark = window.Playground.Chat.Count;
        var clicked = await browser.ClickAsync(row, "提醒");
        await browser.WaitForBotTextAsync($"对{student.Name}的提醒已排队，马上发出。");
        await browser.ScreenshotAsync("leader-nudged");

        var nudge = await window.Playground.WaitForBotMessageAsync(
            m => m.ConversationId == studentChat && m.AllText.Contains($"{BranchRoster.GroupLeader.Name}提醒你"), studentMark, what: "the nudge in the student's chat");
        var nudgedForm = await window.Playground.WaitForBotMessageAsync(
            m => m.ConversationId == studentChat && m.AllText.Contains(ReportFormTitle), studentMark, what: "the report form in the student's chat");
        await window.Browser.WaitForBotTextAsync($"{BranchRoster.GroupLeader.Name}提醒你");
        var form = await window.Browser.WaitForCardAsync(ReportFormTitle);
        await window.Browser.ScreenshotAsync("student-received-nudge");

        Assert.Equal(BranchRoster.GroupLeader.Id, clicked.FromId);
        Assert.Contains($"{October}的思想汇报已于", nudge.Text);
        Assert.False(nudgedForm.IsUpdate);
        Assert.Equal(1, await form.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).CountAsync());
    }

    [Fact]
    public async Task Committee_BranchSummary_ShowsEveryGroup()
    {
        await BecomeAsync(BranchRoster.Committee);
        var browser = fixture.Browser;

        await browser.TypeAsync("branch summary");
        var summary = await browser.WaitForCardAsync("Branch summary");
        await browser.ScreenshotAsync("branch-summary");

        var text = await summary.InnerTextAsync();
        Assert.Contains(BranchRoster.FirstGroup, text);
        Assert.Contains(BranchRoster.SecondGroup, text);
        Assert.Contains("Whole branch", text);
    }

    private async Task BecomeAsync(PlaygroundUser person)
    {
        if (fixture.Playground.Config.CurrentUser.Id != person.Id)
        {
            await fixture.SwitchUserAsync(person.Id);
        }
    }
}
