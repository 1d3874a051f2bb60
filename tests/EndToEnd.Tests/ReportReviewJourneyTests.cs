using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class ReportReviewFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.GroupLeader.Id);
}

/// Issue 10 end to end: the student hands in a report, the group leader returns it with a reason from the notice, the
/// student rewrites it from the returned card, and the leader accepts the new version. The bot runs on its chosen clock
/// (26 November 2026) with tracking from 1 October, so the report handed in is October's.
public sealed class ReportReviewJourneyTests(ReportReviewFixture fixture) : IClassFixture<ReportReviewFixture>
{
    private const string FormTitle = "思想汇报 · 2026年10月";
    private const string Reason = "请结合本月的志愿服务谈谈体会";
    private static readonly string ReportText = string.Concat(Enumerable.Repeat("认真学习党章，联系自身实际，找差距明方向。", 12));

    [Fact]
    public async Task Leader_ReturnsReport_StudentResubmitsAndLeaderAcceptsTheNewVersion()
    {
        var (student, leader) = (BranchRoster.Student, BranchRoster.GroupLeader);
        var browser = fixture.Browser;
        await browser.TypeAsync("帮助");
        await browser.WaitForCardAsync("支部助手使用帮助");
        await using var window = await fixture.OpenWindowAsync(student.Id);

        var leaderMark = fixture.Playground.Chat.Count;
        await HandInAsync(window, ReportText);
        await fixture.Playground.WaitForBotMessageAsync(m => m.AllText.Contains($"{student.Name}提交了思想汇报"), leaderMark, what: "the review notice");
        var notice = await browser.WaitForCardAsync($"{student.Name}提交了思想汇报");
        await browser.ClickAsync(notice, "打开审阅");
        var review = await browser.WaitForCardAsync($"审阅：{student.Name}");
        Assert.Contains(ReportText[..20], await review.InnerTextAsync());
        await ChatBrowser.FillAsync(review, "审阅意见（退回时必填）", Reason);
        await browser.ScreenshotAsync("review-returning");
        var studentMark = window.Playground.Chat.Count;
        await browser.ClickAsync(review, "退回修改");
        await browser.WaitForCardAsync($"已将{student.Name}的思想汇报");

        await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains($"被{leader.Name}退回修改"), studentMark, what: "the returned report in the student's chat");
        var returned = await window.Browser.WaitForCardAsync($"被{leader.Name}退回修改");
        Assert.Contains(Reason, await returned.InnerTextAsync());
        await window.Browser.ScreenshotAsync("report-returned");
        await window.Browser.ClickAsync(returned, "重新提交");

        leaderMark = fixture.Playground.Chat.Count;
        await SubmitFormAsync(window, ReportText + "结合本月的志愿服务，我体会到服务群众要落到实处。");
        await window.Browser.WaitForCardAsync("第 2 版");
        await fixture.Playground.WaitForBotMessageAsync(m => m.AllText.Contains($"{student.Name}重新提交了思想汇报"), leaderMark, what: "the notice of the new version");
        var again = await browser.WaitForCardAsync($"{student.Name}重新提交了思想汇报");
        await browser.ClickAsync(again, "打开审阅");
        var second = (await browser.WaitForCardAsync("之前的版本"));
        Assert.Contains(Reason, await second.InnerTextAsync());
        studentMark = window.Playground.Chat.Count;
        await browser.ClickAsync(second, "通过");
        await browser.WaitForCardAsync($"已通过{student.Name}的思想汇报");

        await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains("审阅通过"), studentMark, what: "the acceptance in the student's chat");
        await window.Browser.WaitForBotTextAsync($"已由{leader.Name}审阅通过");
        await window.Browser.ScreenshotAsync("report-accepted");
    }

    private static async Task HandInAsync(ChatWindow window, string text)
    {
        await window.Browser.TypeAsync("交思想汇报");
        await SubmitFormAsync(window, text);
    }

    /// <summary>Fills the report form now showing in the student's chat and submits it; waits for the receipt.</summary>
    private static async Task SubmitFormAsync(ChatWindow window, string text)
    {
        var mark = window.Playground.Chat.Count;
        var form = await window.Browser.WaitForCardAsync(FormTitle);
        await ChatBrowser.FillAsync(form, "汇报内容", text);
        await window.Browser.ClickAsync(form, "提交");
        await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains("已收到：2026年10月的思想汇报"), mark, what: "the receipt");
    }
}
