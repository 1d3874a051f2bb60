using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;

namespace BranchBot.Bot.Tests.Reminders;

public sealed class ReminderTimeLeftTests
{
    private static readonly DateOnly November30 = new(2026, 11, 30);

    [Theory]
    [InlineData("2026-11-23", "zh-CN", "还有 7 天截止（2026年11月30日（周一））。")]
    [InlineData("2026-11-28", "zh-CN", "还有 2 天截止（2026年11月30日（周一））。")]
    [InlineData("2026-11-29", "zh-CN", "明天截止（2026年11月30日（周一））。")]
    [InlineData("2026-11-30", "zh-CN", "截止日期是今天（2026年11月30日（周一））。")]
    [InlineData("2026-12-01", "zh-CN", "已逾期 1 天（截止日期：2026年11月30日），请尽快补交，或申请延期。")]
    [InlineData("2026-12-03", "zh-CN", "已逾期 3 天（截止日期：2026年11月30日），请尽快补交，或申请延期。")]
    [InlineData("2026-11-30", "zh-TW", "截止日期是今天（2026年11月30日（週一））。")]
    [InlineData("2026-12-02", "zh-TW", "已逾期 2 天（截止日期：2026年11月30日），請盡快補交，或申請延期。")]
    [InlineData("2026-11-28", "en-US", "Due in 2 days (Mon, Nov 30, 2026).")]
    [InlineData("2026-11-29", "en-US", "Due tomorrow (Mon, Nov 30, 2026).")]
    [InlineData("2026-11-30", "en-US", "Due today (Mon, Nov 30, 2026).")]
    [InlineData("2026-12-01", "en-US", "It is 1 day overdue (it was due on Nov 30, 2026). Please hand it in as soon as you can, or ask for more time.")]
    [InlineData("2026-12-02", "en-US", "It is 2 days overdue (it was due on Nov 30, 2026). Please hand it in as soon as you can, or ask for more time.")]
    public void TimeLeft_CountedFromTheDayItIsSent_SaysHowLongIsLeftThen(string sentOn, string tag, string expected)
    {
        var language = Enum.GetValues<Language>().Single(l => l.Tag() == tag);

        Assert.Equal(expected, ReminderCard.TimeLeft(language, November30, DateOnly.Parse(sentOn, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task MonthlyReminders_OneDayStepSentOnTime_SaysDueTomorrow()
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai");
        await new BranchBuilder(h).MemberAsync("A1", Stage.Activist);

        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 29, 9, 0));

        var card = Assert.Single(h.Connector.Delivered).Text;
        Assert.Contains("明天截止（2026年11月30日（周一））", card, StringComparison.Ordinal);
        Assert.Equal("remind-1d", Assert.Single(await h.LedgerAsync(), r => r.Status == Infrastructure.Persistence.ReminderDeliveryStatus.Sent).Step);
    }

    [Fact]
    public async Task MonthlyReminders_OneDayStepMadeUpOnTheDeadlineDay_SaysDueTodayNotOneDayLeft()
    {
        // The bot was down from before the 1-day step (29 November, 09:00) until the deadline day.
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai");
        await new BranchBuilder(h).MemberAsync("A1", Stage.Activist);

        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 30, 10, 0));

        var card = Assert.Single(h.Connector.Delivered).Text;
        Assert.Contains("截止日期是今天（2026年11月30日（周一））", card, StringComparison.Ordinal);
        Assert.DoesNotContain("还有", card, StringComparison.Ordinal);
        Assert.DoesNotContain("明天", card, StringComparison.Ordinal);
        Assert.Equal("remind-1d", Assert.Single(await h.LedgerAsync(), r => r.Status == Infrastructure.Persistence.ReminderDeliveryStatus.Sent).Step);
    }

    [Fact]
    public async Task OverdueNotices_MadeUpTwoDaysLate_CountTheDaysOverdueWhenSent()
    {
        await using var h = await ReminderHarness.StartAsync("Asia/Shanghai");
        await new BranchBuilder(h).MemberAsync("A1", Stage.Activist);

        await h.RunAsync(OverdueNoticesJob.JobId, h.Local(2026, 12, 3, 10, 0));

        var card = Assert.Single(h.Connector.Delivered).Text;
        Assert.Contains("已逾期 3 天（截止日期：2026年11月30日）", card, StringComparison.Ordinal);
    }
}
