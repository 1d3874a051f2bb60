using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class SelectionJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot, BranchRoster.ApplicantStudentCsv);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Committee.Id);
}

/// Issue 10 end to end: the selection of activists. The committee puts the applicant 王小明 up from its summary on
/// 26 November 2026 (the Youth League's recommendation, decided that day); the public notice (公示) reaches everyone,
/// 王小明 in their own open chat; it runs seven days, to 2 December. The bot is restarted on 3 December (the clock
/// moved past the notice's end): the pipeline milestones run tells the committee the notice ended without objection,
/// the committee confirms from that card (filing upward, mentor 李华), and 王小明's "我的状态" shows the activist stage.
public sealed class SelectionJourneyTests(SelectionJourneyFixture fixture) : IClassFixture<SelectionJourneyFixture>
{
    [Fact]
    public async Task Committee_NominatesNoticeRunsAndEnds_CommitteeConcludes_PersonIsAnActivistInMyStatus()
    {
        var (browser, playground, bot) = (fixture.Browser, fixture.Playground, fixture.Bot);
        var student = BranchRoster.Student;
        await using var window = await fixture.OpenWindowAsync(student.Id);
        await window.Browser.TypeAsync("帮助");
        await window.Browser.WaitForCardAsync("支部助手使用帮助");

        await browser.TypeAsync("支部统计");
        var summary = await browser.WaitForCardAsync("入党申请人：1 人");
        await browser.ClickAsync(summary, "推荐为积极分子");
        var form = await browser.WaitForCardAsync("确定入党积极分子：" + student.Name);
        await browser.ScreenshotAsync("nomination-form");
        var studentMark = window.Playground.Chat.Count;
        await browser.ClickAsync(form, "发布公示");
        await browser.WaitForCardAsync($"已记录：{student.Name} 的公示自 2026年11月26日 起至 2026年12月2日");
        await browser.ScreenshotAsync("notice-published");

        var told = await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains("支部委员会拟确定你为入党积极分子"), studentMark, what: "the candidate's notice");
        Assert.Contains("公示期 2026年11月26日 至 2026年12月2日", told.AllText);
        await window.Browser.WaitForBotTextAsync("支部委员会拟确定你为入党积极分子");

        // A week on: the notice ended on 2 December without objection; the bot's morning run tells the committee.
        var committeeMark = playground.Chat.Count;
        await bot.RestartAsync(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        const string Ended = "的入党积极分子公示（2026年11月26日 至 2026年12月2日）已期满，无异议，可以确认为入党积极分子。";
        await playground.WaitForBotMessageAsync(m => m.AllText.Contains(Ended), committeeMark, Waits.Startup, what: "the committee's notice-ended card");
        var ended = await browser.WaitForCardAsync(Ended);
        await browser.ClickAsync(ended, "确认为积极分子");
        var conclude = await browser.WaitForCardAsync("公示期满：" + student.Name);
        Assert.Contains("自 2026年12月3日 起为入党积极分子", await conclude.InnerTextAsync());
        await browser.SelectAsync(conclude, "培养联系人（可稍后在名册中指定）", BranchRoster.Mentor.Name);
        await browser.ScreenshotAsync("conclusion-form");
        studentMark = window.Playground.Chat.Count;
        await browser.ClickAsync(conclude, "确认");
        await browser.WaitForCardAsync($"已确认：{student.Name} 自 2026年12月3日 起为入党积极分子");
        await browser.ScreenshotAsync("concluded");
        await window.Playground.WaitForBotMessageAsync(m => m.AllText.Contains("你自 2026年12月3日 起为入党积极分子"), studentMark, what: "the person's confirmation");

        await window.Browser.TypeAsync("我的状态");
        var status = await window.Browser.WaitForCardAsync("我的状态");
        var text = await status.InnerTextAsync();
        Assert.Contains("入党积极分子（自 2026年12月3日 起）", text);
        Assert.DoesNotContain("入党申请人", text);
        await window.Browser.ScreenshotAsync("my-status-activist");
    }
}
