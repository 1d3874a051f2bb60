using BranchBot.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

public sealed class TalkConfirmationFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Mentor.Id);
}

/// Issue 10 end to end: a mentor logs a talk in their chat; the mentee's open chat gets the card to confirm it, and one tap
/// replaces it with the confirmation. The bot runs on its chosen clock (26 November 2026).
public sealed class TalkConfirmationJourneyTests(TalkConfirmationFixture fixture) : IClassFixture<TalkConfirmationFixture>
{
    [Fact]
    public async Task Mentor_LogsTalk_MenteeConfirmsItInTheirChatWithOneTap()
    {
        var mentee = BranchRoster.Student2;
        var menteeChat = $"personal-{mentee.Id}";
        await using var window = await fixture.OpenWindowAsync(mentee.Id);
        await window.Browser.TypeAsync("帮助");
        await window.Browser.WaitForCardAsync("支部助手使用帮助");

        var browser = fixture.Browser;
        await browser.TypeAsync("记录谈话");
        var form = await browser.WaitForCardAsync("记录谈心谈话");
        await browser.SelectAsync(form, "谈话对象", mentee.Name);
        await ChatBrowser.FillDateAsync(form, "谈话日期", new DateOnly(2026, 11, 24));
        await ChatBrowser.FillAsync(form, "主题", "入党动机");
        await ChatBrowser.FillAsync(form, "谈话内容", "谈了入党动机和本学期的学习计划。");
        var menteeMark = window.Playground.Chat.Count;
        await browser.ClickAsync(form, "保存");
        await browser.WaitForCardAsync("已保存");

        var posted = await window.Playground.WaitForBotMessageAsync(
            m => m.ConversationId == menteeChat && !m.IsUpdate && m.AllText.Contains("记录了与你的一次谈心谈话"), menteeMark, what: "the confirmation card in the mentee's chat");
        var card = await window.Browser.WaitForCardAsync("记录了与你的一次谈心谈话");
        Assert.Contains("入党动机", await card.InnerTextAsync());
        await window.Browser.ScreenshotAsync("talk-to-confirm");

        menteeMark = window.Playground.Chat.Count;
        var clicked = await window.Browser.ClickAsync(card, "确认无误");
        var confirmed = $"已确认：与{BranchRoster.Mentor.Name}在 2026年11月24日 的谈话。";
        var update = await window.Playground.WaitForBotMessageAsync(m => m.MessageId == posted.MessageId && m.AllText.Contains(confirmed), menteeMark, what: "the confirmation in place");
        await window.Browser.WaitForCardAsync(confirmed);
        await window.Browser.ScreenshotAsync("talk-confirmed");

        Assert.Equal(mentee.Id, clicked.FromId);
        Assert.True(update.IsUpdate, $"The confirmation was posted as a new message, not an update: {update}");
    }
}
