using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class PlaygroundSmokeFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);
}

public sealed class PlaygroundSmokeTests(PlaygroundSmokeFixture fixture) : IClassFixture<PlaygroundSmokeFixture>
{
    // The playground sends en-US and "help" is English, so the help card comes in English.
    private const string HelpTitle = "How to use BranchBot";
    private const string NotUnderstood = "I did not understand that.";

    [Fact]
    public async Task TypedHelp_BotAnswers_InChat()
    {
        var browser = fixture.Browser;
        await browser.ScreenshotAsync("chat-open");

        var received = await browser.TypeAsync("help");
        var reply = await browser.WaitForCardAsync(HelpTitle);
        await browser.ScreenshotAsync("help-answered");

        Assert.Equal(200, received.Status);
        Assert.Contains("submit report", await reply.InnerTextAsync());
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
        var posted = await playground.WaitForBotMessageAsync(NotUnderstood, chatMark);
        var help = await playground.WaitForBotMessageAsync(HelpTitle, chatMark);
        Assert.Equal(playground.PersonalChatId, posted.ConversationId);
        Assert.Equal(playground.PersonalChatId, help.ConversationId);
    }

    [Fact]
    public async Task CardHelpers_FillEveryInputAndSubmit_BotReceivesTheValues()
    {
        var browser = fixture.Browser;
        var playground = fixture.Playground;
        await playground.PostAsBotAsync(playground.PersonalChatId, CardActivity(playground.Config.BotId));
        var card = await browser.WaitForCardAsync("测试卡片");

        await ChatBrowser.FillAsync(card, "摘要", "学习心得");
        await ChatBrowser.FillDateAsync(card, "日期", new DateOnly(2026, 12, 24));
        await browser.SelectAsync(card, "类型", "季度");
        await ChatBrowser.SetToggleAsync(card, "迟交", true);
        await browser.ScreenshotAsync("card-filled");
        var received = await browser.ClickAsync(card, "提交");

        var value = received.Value!.Value;
        Assert.Equal("report.submit", value.GetProperty("verb").GetString());
        Assert.Equal("学习心得", value.GetProperty("summary").GetString());
        Assert.Equal("2026-12-24", value.GetProperty("due").GetString());
        Assert.Equal("quarterly", value.GetProperty("kind").GetString());
        Assert.Equal("true", value.GetProperty("late").GetString());
    }

    [Fact]
    public async Task SwitchUser_ThenType_PageChatsAsThatPerson()
    {
        var person = PlaygroundConfig.DefaultPeople[2];

        await fixture.SwitchUserAsync(person.Id);
        var received = await fixture.Browser.TypeAsync("换人了");
        await fixture.Browser.WaitForBotTextAsync(NotUnderstood);
        await fixture.Browser.ScreenshotAsync("as-another-user");

        Assert.Equal(person.Id, received.FromId);
        Assert.Equal($"personal-{person.Id}", received.ConversationId);
    }

    private static object CardActivity(string botId) => new
    {
        type = "message",
        from = new { id = botId },
        attachments = new[]
        {
            new
            {
                contentType = "application/vnd.microsoft.card.adaptive",
                content = new Dictionary<string, object>
                {
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.5",
                    ["body"] = new object[]
                    {
                        new { type = "TextBlock", text = "测试卡片" },
                        new { type = "Input.Text", id = "summary", label = "摘要" },
                        new { type = "Input.Date", id = "due", label = "日期" },
                        new { type = "Input.ChoiceSet", id = "kind", label = "类型", style = "compact", choices = new[] { new { title = "月度", value = "monthly" }, new { title = "季度", value = "quarterly" } } },
                        new { type = "Input.Toggle", id = "late", label = "迟交", title = "迟交" },
                    },
                    ["actions"] = new object[] { new { type = "Action.Submit", title = "提交", data = new { verb = "report.submit" } } },
                },
            },
        },
    };
}
