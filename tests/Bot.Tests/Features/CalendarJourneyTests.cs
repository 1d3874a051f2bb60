using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Calendar;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Bot.Tests.Reminders;
using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Features;

/// <summary>
/// The academic calendar through the real pipeline: a break moves a deadline on the overdue list and in the reminder, and
/// a person on leave is neither overdue nor chased, and sees the duty excused. Tracking starts 1 October; today is 19 November.
/// </summary>
public sealed class CalendarJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student, ConversationTestBed.Student2);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task AddAsync(params CalendarSpan[] spans)
    {
        await using var db = _bed.Database();
        db.CalendarSpans.AddRange(spans);
        await db.SaveChangesAsync();
        // Written around the bot, as another instance would: the turns read the spans through a short cache.
        _bed.Host.Services.GetRequiredService<BranchState>().Invalidate();
    }

    [Fact]
    public async Task Overdue_OctoberEndingInAnExamWeek_ListsTheDueDateMovedAfterIt()
    {
        await AddAsync(new CalendarSpan(SpanKind.ExamWeek, new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 6)));

        var card = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card().GetRawText();

        Assert.Contains("张三", card);
        Assert.Contains("2026年11月7日", card);
        Assert.DoesNotContain("2026年10月31日", card);
    }

    [Fact]
    public async Task Overdue_OctoberStillInTheVacation_IsNotListedYet()
    {
        // October's due date moves to 1 December: on 19 November nothing of October is overdue.
        await AddAsync(new CalendarSpan(SpanKind.ExamWeek, new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 30)));

        var reply = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Text();

        Assert.Contains("没有逾期", reply);
    }

    [Fact]
    public async Task Leave_CoveringOctober_PersonIsNotOverdueAndSeesItExcused()
    {
        var student = await _bed.MemberIdAsync(ConversationTestBed.Student);
        await using (var db = _bed.Database())
        {
            db.Leaves.Add(new Leave(student, LeaveKind.Sick, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), "住院", null, ConversationTestBed.DefaultNow.AddDays(-5)));
            await db.SaveChangesAsync();
        }

        var overdue = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card().GetRawText();
        var status = (await _bed.SayAsync(ConversationTestBed.Student, "我的状态")).Single(ConversationTestBed.Student).Card().GetRawText();

        Assert.Contains("李四", overdue);
        Assert.DoesNotContain("张三", overdue);
        Assert.Contains("已免除", status);
        Assert.DoesNotContain("逾期", status);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> LeaveFormAsync(Person for_, string first, string last)
    {
        await _bed.InstallAsync(ConversationTestBed.Secretary);
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "请假登记")).Single(ConversationTestBed.Secretary).Card();
        Assert.Equal("1.2", card.GetProperty("version").GetString());
        return card.SubmitData(Verbs.CalendarLeaveSave)
            .With(LeaveCard.PersonInput, (await _bed.MemberIdAsync(for_)).ToString(CultureInfo.InvariantCulture))
            .With(LeaveCard.KindInput, "Exchange").With(LeaveCard.StartInput, first).With(LeaveCard.EndInput, last).With(LeaveCard.NoteInput, "交换");
    }

    [Fact]
    public async Task RecordLeave_FromTheCommitteesCard_ExcusesOctoberTellsThePersonOnceAndIsRefusedTwice()
    {
        await _bed.InstallAsync(ConversationTestBed.Student);
        var form = await LeaveFormAsync(ConversationTestBed.Student, "2026-10-01", "2026-10-20");

        var saved = await _bed.SubmitAsync(ConversationTestBed.Secretary, "leave-card", form);
        var again = await _bed.SubmitAsync(ConversationTestBed.Secretary, "leave-card", form);

        Assert.Contains("支部已登记你的交换：2026年10月1日至2026年10月20日。这期间的思想汇报和谈话予以免除", saved.Single(ConversationTestBed.Student).Text());
        Assert.Empty(again.To(ConversationTestBed.Student));
        var overdue = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card().GetRawText();

        Assert.Contains("已登记张三的交换：2026年10月1日至2026年10月20日", saved.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("已有请假登记", again.Single(ConversationTestBed.Secretary).Text());
        await using var db = _bed.Database();
        var leave = await db.Leaves.SingleAsync();
        Assert.Equal((LeaveKind.Exchange, await _bed.MemberIdAsync(ConversationTestBed.Secretary)), (leave.Kind, leave.RecordedById!.Value));
        Assert.DoesNotContain("张三", overdue);
        Assert.Contains("李四", overdue);
    }

    [Fact]
    public async Task RecordLeave_EndingBeforeItStartsOrFromAStudent_IsRefusedSayingWhyAndStoresNothing()
    {
        var form = await LeaveFormAsync(ConversationTestBed.Student, "2026-10-20", "2026-10-01");

        var backwards = await _bed.SubmitAsync(ConversationTestBed.Secretary, "leave-card", form);
        var student = await _bed.SubmitAsync(ConversationTestBed.Student, "leave-card", form);
        var typed = await _bed.SayAsync(ConversationTestBed.Student, "record leave", "en-US");

        Assert.Contains("早于第一天", backwards.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("无权", student.Single(ConversationTestBed.Student).Text());
        Assert.Contains("does not allow", typed.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Leaves.CountAsync());
        Assert.Equal(0, await db.ReminderDeliveries.CountAsync());
    }
}

/// <summary>Reminders before a due date the winter vacation moved: the card names the moved date.</summary>
public sealed class CalendarReminderTests
{
    [Fact]
    public async Task MonthlyReminders_JanuaryAndFebruaryEndingInTheWinterVacation_RemindedBeforeTheMovedDueDate()
    {
        await using var h = await ReminderHarness.StartAsync();
        var b = new BranchBuilder(h);
        await b.MemberAsync("A1", Stage.Activist);
        await using (var db = h.Db())
        {
            db.CalendarSpans.Add(new CalendarSpan(SpanKind.WinterVacation, new DateOnly(2027, 1, 18), new DateOnly(2027, 2, 28)));
            await db.SaveChangesAsync();
        }

        var run = await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2027, 2, 26, 9, 0));

        // January's and February's reports are both due on 1 March, the day after the vacation.
        Assert.Equal(2, run.Sent);
        var sent = (await h.LedgerAsync()).Where(d => d.Status == ReminderDeliveryStatus.Sent).OrderBy(d => d.Period).ToList();
        Assert.Equal([("2027-01", "remind-3d-20270301"), ("2027-02", "remind-3d-20270301")], sent.Select(d => (d.Period.Key, d.Step)));
        Assert.Equal(2, h.Connector.Delivered.Count);
        Assert.All(h.Connector.Delivered, d => Assert.Contains("2027年3月1日", System.Text.RegularExpressions.Regex.Unescape(d.Text), StringComparison.Ordinal));
    }
}
