using BranchBot.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests;

public sealed class DuesJourneyFixture : EndToEndFixture
{
    protected override void ConfigureBot(BotOptions bot) => BranchRoster.Configure(bot);

    protected override PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.From(PlaygroundConfig.DefaultPeople, BranchRoster.Committee.Id);
}

/// Issue 11 end to end (党费): the committee opens "党费" (November 2026 on the bot's clock), ticks the probationary
/// member as paid, types the amount and the receipt number and records it; the card is replaced in place with the
/// payment listed; the probationary member, in their own chat, types "党费" and sees November paid with its receipt.
public sealed class DuesJourneyTests(DuesJourneyFixture fixture) : IClassFixture<DuesJourneyFixture>
{
    [Fact]
    public async Task Committee_RecordsAPaymentInChat_MemberSeesItUnderDues()
    {
        var (browser, playground) = (fixture.Browser, fixture.Playground);
        await using var window = await fixture.OpenWindowAsync(BranchRoster.Probationary.Id);
        await window.Browser.TypeAsync("帮助");
        await window.Browser.WaitForCardAsync("支部助手使用帮助");

        await browser.TypeAsync("党费");
        var card = await browser.WaitForCardAsync("党费 · 2026年11月");
        var toggle = card.GetByRole(AriaRole.Checkbox, new() { Name = BranchRoster.Probationary.Name });
        await toggle.SetCheckedAsync(true);
        await toggle.Locator("xpath=following::input[1]").FillAsync("0.50");
        await ChatBrowser.FillAsync(card, "收据号（本次勾选的人都记此号）", "NO-2026-11-001");
        await browser.ScreenshotAsync("dues-marked");
        var mark = playground.Chat.Count;
        var recorded = await browser.ClickAsync(card, "记录缴费");
        Assert.NotNull(recorded.Value);
        var updated = await playground.WaitForBotMessageAsync(m => m.AllText.Contains("已缴 ¥0.50（收据 NO-2026-11-001）"), mark, what: "the month's card with the payment");
        Assert.True(updated.IsUpdate, $"The month's card was posted as a new message, not an update: {updated}");
        await browser.WaitForBotTextAsync("已记录 1 人的2026年11月党费");
        await browser.ScreenshotAsync("dues-recorded");

        await window.Browser.TypeAsync("党费");
        var mine = await window.Browser.WaitForCardAsync("我的党费 · 2026年");
        Assert.Contains("已缴 ¥0.50（收据 NO-2026-11-001", await mine.InnerTextAsync());
        await window.Browser.ScreenshotAsync("member-sees-dues");
    }
}
