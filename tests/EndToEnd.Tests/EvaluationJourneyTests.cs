using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class EvaluationJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot, BranchRoster.EvaluationCsv);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Probationary.Id);
}

/// Issue 10 end to end: the half-yearly evaluation with all three parts. 赵磊's probation began on 2026-05-28, so the
/// first half year's last day is 27 November; the bot is restarted on that day at 09:30 (its catch-up run of the
/// pipeline milestones job opens the round by itself): the self card reaches 赵磊 (this page), a peer card each of
/// 李华 (a second page), 张敏 and 陈静 (their own playgrounds, answering their cards through the playground's submit
/// route), the branch card 刘洋 (committee, no discipline member). The peers rate, 李华 last of them from the page,
/// where neither the card nor the receipt shows another's rating; 赵磊 writes the self-assessment; the committee's
/// branch part closes the round and 赵磊 sees the weighted outcome.
public sealed class EvaluationJourneyTests(EvaluationJourneyFixture fixture) : IClassFixture<EvaluationJourneyFixture>
{
    private const string SelfTitle = "半年综合考察（第 1 次）：自我评价";
    private static readonly string PeerTitle = $"半年综合考察（第 1 次）：为 {BranchRoster.Probationary.Name} 评分";
    private static readonly string BranchTitle = $"半年综合考察（第 1 次）：支部对 {BranchRoster.Probationary.Name} 的评议";

    [Fact]
    public async Task RoundOpensByItself_ThreePeersSelfAndBranchRate_MemberSeesTheOutcomeAndNoPeerSeesAnothersRating()
    {
        var (browser, playground, bot) = (fixture.Browser, fixture.Playground, fixture.Bot);
        var subject = BranchRoster.Probationary.Name;
        await browser.TypeAsync("帮助");
        await browser.WaitForCardAsync("支部助手使用帮助");
        await using var peerWindow = await fixture.OpenWindowAsync(BranchRoster.Mentor.Id);
        await peerWindow.Browser.TypeAsync("帮助");
        await peerWindow.Browser.WaitForCardAsync("支部助手使用帮助");
        await using var leader = await ChatOfAsync(BranchRoster.GroupLeader.Id);
        await using var peer3 = await ChatOfAsync(BranchRoster.Student2.Id);
        await using var committee = await ChatOfAsync(BranchRoster.Committee.Id);
        var (selfMark, peerMark, leaderMark, peer3Mark, committeeMark) =
            (playground.Chat.Count, peerWindow.Playground.Chat.Count, leader.Chat.Count, peer3.Chat.Count, committee.Chat.Count);

        // The half year's last day: the restarted bot's catch-up run opens the round, nobody had to.
        await bot.RestartAsync(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8)));
        await playground.WaitForBotMessageAsync(m => m.AllText.Contains(SelfTitle), selfMark, Waits.Startup, what: "the self-assessment card");
        var leaderCard = await leader.WaitForBotMessageAsync(m => m.AllText.Contains(PeerTitle), leaderMark, Waits.Startup, what: "张敏's peer card");
        var peer3Card = await peer3.WaitForBotMessageAsync(m => m.AllText.Contains(PeerTitle), peer3Mark, Waits.Startup, what: "陈静's peer card");
        var branchCard = await committee.WaitForBotMessageAsync(m => m.AllText.Contains(BranchTitle), committeeMark, Waits.Startup, what: "the committee's branch card");
        await peerWindow.Playground.WaitForBotMessageAsync(m => m.AllText.Contains(PeerTitle), peerMark, Waits.Startup, what: "李华's peer card");

        // Two peers answer their own cards.
        await RateAsync(leader, leaderCard, "80", $"已收到你对 {subject}（第 1 次）的评分：80.00 分");
        await RateAsync(peer3, peer3Card, "70", $"已收到你对 {subject}（第 1 次）的评分：70.00 分");

        // The third peer rates from the page: nothing on the card or the receipt tells what the others gave.
        var peerCard = await peerWindow.Browser.WaitForCardAsync(PeerTitle);
        var peerText = await peerCard.InnerTextAsync();
        Assert.DoesNotContain("80", peerText);
        Assert.DoesNotContain("70", peerText);
        Assert.DoesNotContain(BranchRoster.GroupLeader.Name, peerText);
        await ChatBrowser.FillAsync(peerCard, "分数（0–100）", "90");
        await peerWindow.Browser.ScreenshotAsync("peer-card-filled");
        await peerWindow.Browser.ClickAsync(peerCard, "提交评分");
        var receipt = await peerWindow.Browser.WaitForCardAsync($"已收到你对 {subject}（第 1 次）的评分：90.00 分");
        var receiptText = await receipt.InnerTextAsync();
        Assert.DoesNotContain("80", receiptText);
        Assert.DoesNotContain("平均", receiptText);
        await peerWindow.Browser.ScreenshotAsync("peer-rated");

        // The member writes the self-assessment in their card.
        var selfCard = await browser.WaitForCardAsync(SelfTitle);
        await ChatBrowser.FillAsync(selfCard, "分数（0–100）", "88");
        await ChatBrowser.FillAsync(selfCard, "自我评价", "这半年我认真学习党章党规，按时参加组织生活，在班级工作中发挥了带头作用。");
        await browser.ScreenshotAsync("self-assessment-filled");
        await browser.ClickAsync(selfCard, "提交评分");
        await browser.WaitForCardAsync("已收到你第 1 次半年考察的自我评价：88.00 分");

        // The branch part is the last: the round closes and the member is told the weighted outcome.
        // 0.2·88 + 0.3·(80 + 70 + 90)/3 + 0.5·85 = 17.6 + 24 + 42.5 = 84.10.
        var outcomeMark = playground.Chat.Count;
        await RateAsync(committee, branchCard, "85", $"三部分已齐，第 1 次考察结果：84.10 分，合格");
        var outcome = await playground.WaitForBotMessageAsync(m => m.AllText.Contains("你的第 1 次半年综合考察结果"), outcomeMark, what: "the member's outcome");
        Assert.Contains("你的第 1 次半年综合考察结果：84.10 分，合格（自评 88.00，同组 3 人互评平均 80.00，支部 85.00）", outcome.AllText);
        Assert.DoesNotContain(BranchRoster.Mentor.Name, outcome.AllText);
        await browser.WaitForBotTextAsync("84.10 分，合格");
        await browser.ScreenshotAsync("member-sees-the-outcome");
    }

    /// Another person's own personal chat with the bot, without a browser: a playground with them as the current user,
    /// who says 帮助 once so that the bot knows their chat.
    private async Task<Playground> ChatOfAsync(string userId)
    {
        var chat = await Playground.StartAsync(fixture.Bot.MessagesEndpoint, fixture.Playground.Config.WithCurrentUser(userId), fixture.ArtifactsDir, fixture.Bot.LastFailure);
        var mark = chat.Chat.Count;
        await chat.SendTextAsync(chat.PersonalChatId, "帮助");
        await chat.WaitForBotMessageAsync("支部助手使用帮助", mark);
        return chat;
    }

    /// Answers a rating card as its recipient would: the card's own submit data plus the score, then waits for the receipt replacing it.
    private static async Task RateAsync(Playground chat, ChatMessage card, string score, string receipt)
    {
        var value = SubmitData(card.Attachments) ?? throw new InvalidOperationException($"No Action.Submit on {card}.");
        value["evaluationScore"] = score;
        var mark = chat.Chat.Count;
        await chat.SubmitAsync(chat.PersonalChatId, chat.Config.CurrentUser.Id, card.MessageId!, value);
        await chat.WaitForBotMessageAsync(m => m.IsUpdate && m.MessageId == card.MessageId && m.AllText.Contains(receipt), mark, what: $"the receipt \"{receipt}\"");
    }

    private static JsonObject? SubmitData(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String when e.GetString() is { } s && s.TrimStart().StartsWith('{'):
                using (var document = JsonDocument.Parse(s)) return SubmitData(document.RootElement);
            case JsonValueKind.Array:
                return e.EnumerateArray().Select(SubmitData).FirstOrDefault(d => d is not null);
            case JsonValueKind.Object:
                if (e.Str("type") == "Action.Submit" && e.TryGetProperty("data", out var data)) return JsonNode.Parse(data.GetRawText())!.AsObject();
                return e.EnumerateObject().Select(p => SubmitData(p.Value)).FirstOrDefault(d => d is not null);
            default:
                return null;
        }
    }
}
