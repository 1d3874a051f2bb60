using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class TransferJourneyFixture : EndToEndFixture
{
    /// The journeys' roster with the optional 毕业日期 column: the probationary member 赵磊 graduated on 1 July 2026.
    public static string Csv => string.Join("\n", BranchRoster.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((line, i) =>
        line.TrimEnd('\r') + (i == 0 ? ",毕业日期" : line.StartsWith("2024001,", StringComparison.Ordinal) ? ",2026-07-01" : ","))) + "\n";

    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot, Csv);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Committee.Id);
}

/// Issue 11 end to end (组织关系转接): the committee opens "组织关系转接" on the bot's clock (26 November 2026), sees the
/// graduated probationary member without a letter, records the introduction letter; the card is redrawn with the
/// receipt form, and the committee records the return receipt; the card then shows the transfer traced.
public sealed class TransferJourneyTests(TransferJourneyFixture fixture) : IClassFixture<TransferJourneyFixture>
{
    [Fact]
    public async Task Committee_RecordsALetterAndItsReceipt_TheCardShowsTheTransferTraced()
    {
        var browser = fixture.Browser;
        await browser.TypeAsync("组织关系转接");
        var card = await browser.WaitForCardAsync("组织关系转接（2026年毕业）");
        Assert.Contains("尚未开具介绍信", await card.InnerTextAsync());

        await browser.SelectAsync(card, "党员", $"{BranchRoster.Probationary.Name} · 2024001");
        await ChatBrowser.FillAsync(card, "转往的党组织", "北京市海淀区某街道党工委");
        await browser.ScreenshotAsync("letter-form-filled");
        var letter = await browser.ClickAsync(card, "登记介绍信");
        Assert.NotNull(letter.Value);
        await browser.WaitForBotTextAsync($"已登记{BranchRoster.Probationary.Name}的介绍信");

        var redrawn = await browser.WaitForCardAsync("收到回执");
        Assert.Contains("回执未收到", await redrawn.InnerTextAsync());
        await browser.SelectAsync(redrawn, "党员", $"{BranchRoster.Probationary.Name} · 2024001");
        await browser.ClickAsync(redrawn, "登记回执");
        await browser.WaitForBotTextAsync($"已登记{BranchRoster.Probationary.Name}的回执");
        var traced = await browser.WaitForCardAsync("回执 2026年11月26日");
        Assert.DoesNotContain("登记回执", await traced.InnerTextAsync());
        await browser.ScreenshotAsync("transfer-traced");
    }
}
