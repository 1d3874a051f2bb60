using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features;

/// <summary>Tracking starts 1 October; on 19 November October's reports and talks are overdue.</summary>
public sealed class OverdueJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student, ConversationTestBed.Secretary, ConversationTestBed.OtherGroupStudent);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<System.Text.Json.JsonElement> OverdueCardAsync(Person who)
    {
        var turned = await _bed.SayAsync(who, "逾期");
        return turned.Single(who).Card();
    }

    private async Task<string> IdOf(Person person) => (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Overdue_ForGroupLeader_ListsOnlyTheirGroupsOverduePeople()
    {
        var card = (await OverdueCardAsync(ConversationTestBed.Leader)).GetRawText();

        Assert.Contains("第一小组", card);
        Assert.Contains("张三", card);
        Assert.Contains("李四", card);
        Assert.Contains("周六", card);
        Assert.Contains("赵老师", card);
        Assert.Contains("2026年10月", card);
        Assert.DoesNotContain("王五", card);
    }

    [Fact]
    public async Task Overdue_AfterAMentorLoggedATalk_ShowsTheTalkAndHandedInReportsToTheLeader()
    {
        await _bed.InstallAsync(ConversationTestBed.Mentor);
        var talkCard = (await _bed.SayAsync(ConversationTestBed.Mentor, "记录谈话")).Single(ConversationTestBed.Mentor).Card();
        await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", talkCard.SubmitData(Verbs.TalkSubmit)
            .With(TalkFormCard.MenteeInput, await IdOf(ConversationTestBed.Student)).With(TalkFormCard.DateInput, "2026-11-18")
            .With(TalkFormCard.TopicInput, "入党动机").With(TalkFormCard.SummaryInput, "谈了入党动机。"));
        var form = (await _bed.SayAsync(ConversationTestBed.Student2, "交思想汇报")).Single(ConversationTestBed.Student2).Card();
        var november = form.SubmitData(Verbs.ReportSubmit).With("period", "2026-11")
            .With(ReportFormCard.TextInput, string.Concat(Enumerable.Repeat("学习二十大精神的体会。", 12)));
        await _bed.SubmitAsync(ConversationTestBed.Student2, "form", november);

        var card = (await OverdueCardAsync(ConversationTestBed.Leader)).GetRawText();

        Assert.Contains("赵老师 与 张三", card);
        Assert.Contains("入党动机", card);
        Assert.Contains("李四：思想汇报", card);
        Assert.Contains("学习二十大精神的体会", card);
    }

    [Fact]
    public async Task Overdue_ForAStudent_IsNotPermitted()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Student, "overdue", "en-US");

        Assert.Contains("does not allow", turned.Single(ConversationTestBed.Student).Text());
    }

    [Fact]
    public async Task Nudge_OneStudent_SendsThemTheReportFormNowAndRecordsIt()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);
        var nudge = card.SubmitData(Verbs.OverdueNudge).With(OverdueListCard.MemberField, await IdOf(ConversationTestBed.Student));

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", nudge);

        Assert.Contains("张三", turned.Single(ConversationTestBed.Leader).Text());
        var reminder = turned.Single(ConversationTestBed.Student);
        Assert.Contains("钱组长", reminder.Text());
        Assert.Equal("2026-10", reminder.Card().SubmitData(Verbs.ReportSubmit)["period"]!.GetValue<string>());
        await using var db = _bed.Database();
        var delivery = await db.ReminderDeliveries.SingleAsync();
        Assert.Equal(ReminderDeliveryStatus.Sent, delivery.Status);
    }

    [Fact]
    public async Task Nudge_SameCardTwice_SendsOnce()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);
        var nudge = card.SubmitData(Verbs.OverdueNudge).With(OverdueListCard.MemberField, await IdOf(ConversationTestBed.Student));
        await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", nudge);

        var again = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", nudge);

        Assert.Empty(again.To(ConversationTestBed.Student));
        Assert.Contains("不用重复", again.Single(ConversationTestBed.Leader).Text());
    }

    [Fact]
    public async Task Nudge_SomeoneWhoNeverOpenedTheBot_TellsTheLeaderToRemindInPerson()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);
        var nudge = card.SubmitData(Verbs.OverdueNudge).With(OverdueListCard.MemberField, await IdOf(ConversationTestBed.Student2));

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", nudge);

        Assert.Contains("无法联系", turned.Single(ConversationTestBed.Leader).Text());
        await using var db = _bed.Database();
        Assert.Equal(ReminderDeliveryStatus.Unreachable, (await db.ReminderDeliveries.SingleAsync()).Status);
    }

    [Fact]
    public async Task Nudge_ForgedMemberFromAnotherGroup_IsRefusedAndSendsNothing()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);
        var forged = card.SubmitData(Verbs.OverdueNudge).With(OverdueListCard.MemberField, await IdOf(ConversationTestBed.OtherGroupStudent));

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", forged);

        Assert.Empty(turned.To(ConversationTestBed.OtherGroupStudent));
        Assert.Contains("不属于你", turned.Single(ConversationTestBed.Leader).Text());
    }

    [Fact]
    public async Task NudgeAll_SendsEveryReachablePersonOneReminder()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", card.SubmitData(Verbs.OverdueNudgeAll));

        Assert.Single(turned.To(ConversationTestBed.Student), c => c.Method == "POST");
        Assert.Contains("无法联系", turned.Single(ConversationTestBed.Leader).Text());
        await using var db = _bed.Database();
        Assert.True(4 == await db.ReminderDeliveries.CountAsync(), string.Join("\n", (await db.ReminderDeliveries.ToListAsync()).Select(d => $"{d.MemberId} {d.Kind} {d.Period} {d.Step} {d.Status} {d.Note}")));
    }

    [Fact]
    public async Task Excuse_WithReason_RecordsItAndTheItemLeavesTheList()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);
        var id = await IdOf(ConversationTestBed.Student2);
        var excuse = card.SubmitData(Verbs.OverdueExcuse).With(OverdueListCard.MemberField, id)
            .With(OverdueListCard.ItemInputPrefix + id, $"ThoughtReport:2026-10:{id}")
            .With(OverdueListCard.ReasonInputPrefix + id, "病假");

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", excuse);

        Assert.Contains("免除", turned.Single(ConversationTestBed.Leader).Text());
        await using var db = _bed.Database();
        var stored = await db.Excuses.SingleAsync();
        Assert.Equal("病假", stored.Reason);
        Assert.Equal(await _bed.MemberIdAsync(ConversationTestBed.Leader), stored.ExcusedById);
        Assert.DoesNotContain($"ThoughtReport:2026-10:{id}", (await OverdueCardAsync(ConversationTestBed.Leader)).GetRawText());
    }

    [Fact]
    public async Task Excuse_WithoutReason_AsksForOne()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);
        var id = await IdOf(ConversationTestBed.Student2);
        var excuse = card.SubmitData(Verbs.OverdueExcuse).With(OverdueListCard.MemberField, id)
            .With(OverdueListCard.ItemInputPrefix + id, $"ThoughtReport:2026-10:{id}");

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", excuse);

        Assert.Contains("请填写", turned.Single(ConversationTestBed.Leader).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Excuses.CountAsync());
    }

    [Fact]
    public async Task Excuse_ForAnItemThatDoesNotExist_IsRefused()
    {
        var card = await OverdueCardAsync(ConversationTestBed.Leader);
        var id = await IdOf(ConversationTestBed.Student2);
        var excuse = card.SubmitData(Verbs.OverdueExcuse).With(OverdueListCard.MemberField, id)
            .With(OverdueListCard.ItemInputPrefix + id, $"BranchReport:2026-Q4:{id}")
            .With(OverdueListCard.ReasonInputPrefix + id, "随便");

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", excuse);

        Assert.Contains("不属于你", turned.Single(ConversationTestBed.Leader).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Excuses.CountAsync());
    }

    [Fact]
    public async Task Overdue_ForTheSecretary_ListsTheWholeBranch()
    {
        var card = (await OverdueCardAsync(ConversationTestBed.Secretary)).GetRawText();

        Assert.Contains("全支部", card);
        Assert.Contains("张三", card);
        Assert.Contains("王五", card);
    }
}
