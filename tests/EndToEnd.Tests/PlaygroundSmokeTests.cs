using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class PlaygroundSmokeFixture : EndToEndFixture;

public sealed class PlaygroundSmokeTests(PlaygroundSmokeFixture fixture) : IClassFixture<PlaygroundSmokeFixture>
{
    private const string HelpReply = "echo: help";

    [Fact]
    public async Task TypedHelp_BotAnswers_InChat()
    {
        var browser = fixture.Browser;
        await browser.ScreenshotAsync("chat-open");

        var received = await browser.TypeAsync("help");
        var reply = await browser.WaitForBotTextAsync(HelpReply);
        await browser.ScreenshotAsync("help-answered");

        Assert.Equal(200, received.Status);
        Assert.Contains(HelpReply, await reply.InnerTextAsync());
    }

    [Fact]
    public async Task SendText_ThroughPlaygroundRoute_BotReceivesItAndAnswers200()
    {
        var playground = fixture.Playground;
        var (logMark, chatMark) = (playground.Log.Count, playground.Chat.Count);

        await playground.SendTextAsync(playground.PersonalChatId, "来自路由的消息");

        var received = await playground.WaitForReceivedTextAsync("来自路由的消息", logMark);
        Assert.Equal(200, received.Status);
        Assert.Equal(playground.Config.CurrentUser.Id, received.FromId);
        Assert.Equal(playground.PersonalChatId, received.ConversationId);
        var posted = await playground.WaitForBotMessageAsync("echo: 来自路由的消息", chatMark);
        Assert.Equal(playground.PersonalChatId, posted.ConversationId);
    }
}
