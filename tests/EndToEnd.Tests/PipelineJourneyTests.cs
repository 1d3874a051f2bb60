using BranchBot.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

public sealed class PipelineJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot, BranchRoster.EligibleStudentCsv);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Committee.Id);
}

/// Issue 10 end to end: the committee confirms an eligible activist as a development target from its summary, in the
/// real bot behind the Teams emulator; the student, with their own chat open, is told.
public sealed class PipelineJourneyTests(PipelineJourneyFixture fixture) : IClassFixture<PipelineJourneyFixture>
{
    [Fact]
    public async Task Committee_ConfirmsAnEligibleActivistFromTheSummary_ConfirmationReplacesTheFormAndTheStudentIsTold()
    {
        var (browser, playground) = (fixture.Browser, fixture.Playground);
        var student = BranchRoster.Student;
        await using var window = await fixture.OpenWindowAsync(student.Id);
        await window.Browser.TypeAsync("帮助");
        await window.Browser.WaitForCardAsync("支部助手使用帮助");

        await browser.TypeAsync("支部统计");
        var summary = await browser.WaitForCardAsync("可确认为发展对象：1 人");
        Assert.Contains($"{student.Name}（2025001，{BranchRoster.FirstGroup}）：积极分子自 2025年11月26日", await summary.InnerTextAsync());
        await browser.ScreenshotAsync("summary-eligible");

        var chatMark = playground.Chat.Count;
        await browser.ClickAsync(summary, "确认为发展对象");
        var posted = await playground.WaitForBotMessageAsync(m => !m.IsUpdate && m.AllText.Contains("确认发展对象"), chatMark, what: "the development card");
        var form = await browser.WaitForCardAsync("确认发展对象：" + student.Name);
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "已听取党小组、培养联系人、党员和群众意见" }).CheckAsync();
        await browser.SelectAsync(form, "入党介绍人（一）", BranchRoster.Mentor.Name);
        await browser.SelectAsync(form, "入党介绍人（二）", BranchRoster.GroupLeader.Name);
        await browser.ScreenshotAsync("development-form-filled");

        var studentMark = window.Playground.Chat.Count;
        chatMark = playground.Chat.Count;
        var submitted = await browser.ClickAsync(form, "确认");
        var update = await playground.WaitForBotMessageAsync(m => m.MessageId == posted.MessageId && m.AllText.Contains("已确认"), chatMark, what: "the confirmation");
        await browser.WaitForCardAsync("已确认");
        await browser.ScreenshotAsync("development-confirmed");

        Assert.Equal(200, submitted.Status);
        Assert.True(update.IsUpdate, $"The confirmation was posted as a new message, not an update: {update}");
        Assert.Contains($"{student.Name} 自 2026年11月26日 起为发展对象", update.AllText);
        var told = await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains("确定你为发展对象"), studentMark, what: "the student's notice");
        Assert.Contains($"入党介绍人：{BranchRoster.Mentor.Name}、{BranchRoster.GroupLeader.Name}", told.AllText);
        await window.Browser.WaitForBotTextAsync("确定你为发展对象");
        await window.Browser.ScreenshotAsync("student-told");
    }
}
