using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Rules;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Bot.Tests.Support;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features;

/// <summary>The committee changes the branch rules in chat: validated, versioned, recorded, and in force at once.</summary>
public sealed class PolicyJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync(trackingStartsOn: "2026-11-01");
        await _bed.InstallAsync(ConversationTestBed.Student, ConversationTestBed.Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    // What a client sends on Save: the action's data merged with every input's current value.
    private async Task<JsonObject> OpenRulesAsync()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "支部规则")).Single(ConversationTestBed.Secretary).Card();
        Assert.Equal("1.2", card.GetProperty("version").GetString());
        var submit = card.SubmitData(Verbs.PolicySave);
        foreach (var input in CardInputs.Of(card)) submit[input.GetProperty("id").GetString()!] = input.GetProperty("value").GetString();
        return submit;
    }

    private Task<Turned> SaveAsync(JsonObject submit) => _bed.SubmitAsync(ConversationTestBed.Secretary, "activity-rules", submit);

    private async Task<Turned> SubmitReportAsync(string text)
    {
        var form = (await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        return await _bed.SubmitAsync(ConversationTestBed.Student, "activity-form", form.SubmitData(Verbs.ReportSubmit).With(ReportFormCard.TextInput, text));
    }

    [Fact]
    public async Task Save_ShorterMinimumLength_NextTurnAcceptsTheShorterReportAndTheChangeIsRecorded()
    {
        Assert.Contains("太短", (await SubmitReportAsync("太短了")).Single(ConversationTestBed.Student).Text());
        var submit = (await OpenRulesAsync()).With(PolicyCard.MinLengthInputPrefix + "0", "3");

        var saved = await SaveAsync(submit);

        var update = Assert.Single(saved.Calls, c => c.Method == "PUT");
        Assert.Contains("最近一次由 孙书记 于 2026年11月19日 10:00 修改", update.Card().GetRawText());
        Assert.Contains("已保存", saved.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("已收到", Assert.Single((await SubmitReportAsync("太短了")).Calls, c => c.Method == "PUT").Card().GetRawText());

        await using var db = _bed.Database();
        var change = await db.PolicyChanges.SingleAsync();
        Assert.Equal(1, change.Version);
        Assert.Equal(1, change.BranchId);
        Assert.Equal(await _bed.MemberIdAsync(ConversationTestBed.Secretary), change.ChangedById);
        Assert.Equal(_bed.Time.GetUtcNow(), change.ChangedAt);
        Assert.Equal(Policy.Default, Policy.FromJson(change.OldPolicyJson));
        var stored = Policy.FromJson((await db.BranchSettings.SingleAsync()).PolicyJson!);
        Assert.Equal(stored, Policy.FromJson(change.NewPolicyJson));
        Assert.Equal(3, stored.Find(ObligationKind.ThoughtReport, Stage.Activist, Owner.Self)!.MinLength);
        Assert.Equal(Policy.Default.Rules.Skip(1), stored.Rules.Skip(1));
    }

    [Fact]
    public async Task Save_EveryKindOfField_StoresThePolicyTheCardAsked()
    {
        var submit = (await OpenRulesAsync())
            .With(PolicyCard.OffsetsInputPrefix + "1", "5，2")
            .With(PolicyCard.TimeInputPrefix + "1", "8:30")
            .With(PolicyCard.GraceInputPrefix + "1", "4")
            .With(PolicyCard.DueSoonInput, "5")
            .With(PolicyCard.ExtensionInput, "14");

        await SaveAsync(submit);

        await using var db = _bed.Database();
        var stored = Policy.FromJson((await db.BranchSettings.SingleAsync()).PolicyJson!);
        var talk = stored.Rules[1];
        Assert.Equal([5, 2], talk.ReminderOffsetsDays);
        Assert.Equal(new TimeOnly(8, 30), talk.ReminderTime);
        Assert.Equal(4, talk.GraceDays);
        Assert.Equal(5, stored.DueSoonDays);
        Assert.Equal(14, stored.ExtensionDays);
    }

    [Fact]
    public async Task Save_MeetingsSelectionAndEvaluationFields_AreStoredAndShownOnTheNextCard()
    {
        var submit = (await OpenRulesAsync())
            .With(PolicyEdit.CommitteePerWeekInput, "2")
            .With(PolicyEdit.CheckInBeforeInput, "45")
            .With(PolicyEdit.DaysAfterBreakInput, "2")
            .With(PolicyEdit.SelectionNoticeInput, "10")
            .With(PolicyEdit.EvaluationPeersInput, "4")
            .With(PolicyEdit.PassMarkInput, "65.5");

        await SaveAsync(submit);

        await using var db = _bed.Database();
        var stored = Policy.FromJson((await db.BranchSettings.SingleAsync()).PolicyJson!);
        Assert.Equal((2, 45), (stored.Meetings.CommitteePerWeek, stored.Meetings.CheckInMinutesBefore));
        Assert.Equal((2, 10), (stored.DaysAfterBreak, stored.SelectionNoticeDays));
        Assert.Equal(new Domain.Evaluations.EvaluationPolicy(4, 65.5m), stored.Evaluation);
        var again = await OpenRulesAsync();
        Assert.Equal("65.5", again[PolicyEdit.PassMarkInput]!.GetValue<string>());
        Assert.Equal("2", again[PolicyEdit.CommitteePerWeekInput]!.GetValue<string>());
    }

    [Fact]
    public async Task Save_FromTheCard_KeepsTheCalendarsDaysAfterBreak()
    {
        await using (var setup = _bed.Database())
        {
            (await setup.BranchSettings.SingleAsync()).PolicyJson = new Policy(Policy.Default.Rules, daysAfterBreak: 3).ToJson();
            await setup.SaveChangesAsync();
        }

        await SaveAsync((await OpenRulesAsync()).With(PolicyCard.DueSoonInput, "5"));

        await using var db = _bed.Database();
        var stored = Policy.FromJson((await db.BranchSettings.SingleAsync()).PolicyJson!);
        Assert.Equal((5, 3), (stored.DueSoonDays, stored.DaysAfterBreak));
    }

    [Fact]
    public async Task Rules_FromSomeoneNotOnTheCommittee_AreRefusedAndASaveStoresNothing()
    {
        var submit = await OpenRulesAsync();

        var shown = await _bed.SayAsync(ConversationTestBed.Student, "rules");
        var saved = await _bed.SubmitAsync(ConversationTestBed.Student, "activity-rules", submit.With(PolicyCard.MinLengthInputPrefix + "0", "3"));

        Assert.Contains("not allow", shown.Single(ConversationTestBed.Student).Text());
        Assert.False(shown.Single(ConversationTestBed.Student).HasCard());
        Assert.Contains("not allow", saved.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.PolicyChanges.CountAsync());
        Assert.Equal(0, await db.BranchSettings.CountAsync(s => s.PolicyJson != null));
    }

    public static TheoryData<string, string, string> BadValues() => new()
    {
        { PolicyCard.OffsetsInputPrefix + "0", "7,7", "思想汇报 · 入党积极分子 · 提醒：截止日前几天" },
        { PolicyCard.OffsetsInputPrefix + "0", "7,0", "提醒：截止日前几天" },
        { PolicyCard.OffsetsInputPrefix + "0", "", "提醒：截止日前几天" },
        { PolicyCard.OffsetsInputPrefix + "0", "1,2,3,4,5,6,7", "提醒：截止日前几天" },
        { PolicyCard.TimeInputPrefix + "0", "25:00", "思想汇报 · 入党积极分子 · 提醒时间" },
        { PolicyCard.GraceInputPrefix + "2", "-1", "截止日后宽限天数" },
        { PolicyCard.GraceInputPrefix + "0", "93", "截止日后宽限天数：应为0 至 92 之间的整数" },
        { PolicyCard.MinLengthInputPrefix + "0", "abc", "思想汇报 · 入党积极分子 · 最少字数" },
        { PolicyCard.DueSoonInput, "32", "截止日前几天起算“即将到期”" },
        { PolicyCard.ExtensionInput, "0", "请检查批准延期后增加的天数：应为1 至 92 之间的整数" },
        { PolicyEdit.GroupPerMonthInput, "21", "请检查党小组会：每月次数：应为0 至 20 之间的整数" },
        { PolicyEdit.CheckInAfterInput, "", "签到：开始后几分钟关闭" },
        { PolicyEdit.SelectionNoticeInput, "0", "积极分子公示天数：应为1 至 31 之间的整数" },
        { PolicyEdit.PassMarkInput, "60.25", "半年考评：合格分数：应为0 至 100 之间的分数，最多一位小数" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Save_InvalidValue_IsRefusedNamingTheFieldByItsLabelAndStoresNothing(string field, string value, string expected)
    {
        var submit = (await OpenRulesAsync()).With(PolicyCard.MinLengthInputPrefix + "3", "50").With(field, value);

        var saved = await SaveAsync(submit);

        Assert.DoesNotContain(saved.Calls, c => c.Method == "PUT");
        Assert.Contains(expected, saved.Single(ConversationTestBed.Secretary).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.PolicyChanges.CountAsync());
        Assert.Equal(0, await db.BranchSettings.CountAsync(s => s.PolicyJson != null));
    }

    [Fact]
    public async Task Save_FromACardOlderThanTheLastChange_IsRefusedSayingWhoChangedItAndWhen()
    {
        var first = await OpenRulesAsync();
        var second = await OpenRulesAsync();
        await SaveAsync(first.With(PolicyCard.ExtensionInput, "10"));
        _bed.Time.Advance(TimeSpan.FromMinutes(30));

        var stale = await SaveAsync(second.With(PolicyCard.ExtensionInput, "20"));

        Assert.DoesNotContain(stale.Calls, c => c.Method == "PUT");
        Assert.Contains("孙书记 已于 2026年11月19日 10:00 修改了规则", stale.Single(ConversationTestBed.Secretary).Text());
        await using var db = _bed.Database();
        Assert.Equal(1, await db.PolicyChanges.CountAsync());
        Assert.Equal(10, Policy.FromJson((await db.BranchSettings.SingleAsync()).PolicyJson!).ExtensionDays);
    }

    [Fact]
    public async Task Save_TwiceFromFreshCards_RecordsTwoVersionsAndTheCardShowsTheLast()
    {
        await SaveAsync((await OpenRulesAsync()).With(PolicyCard.ExtensionInput, "10"));
        _bed.Time.Advance(TimeSpan.FromDays(1));
        await SaveAsync((await OpenRulesAsync()).With(PolicyCard.ExtensionInput, "12"));

        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "branch rules")).Single(ConversationTestBed.Secretary).Card();

        Assert.Contains("Last changed by 孙书记 on Nov 20, 2026 10:00", card.GetRawText());
        Assert.Equal(2, card.SubmitData(Verbs.PolicySave)[PolicyCard.VersionField]!.GetValue<int>());
        await using var db = _bed.Database();
        var changes = await db.PolicyChanges.OrderBy(c => c.Version).ToListAsync();
        Assert.Equal([1, 2], changes.Select(c => c.Version));
        Assert.Equal(changes[0].NewPolicyJson, changes[1].OldPolicyJson);
    }

    [Fact]
    public async Task Save_NothingChanged_IsRefusedAndRecordsNothing()
    {
        var saved = await SaveAsync(await OpenRulesAsync());

        Assert.Contains("没有任何改动", saved.Single(ConversationTestBed.Secretary).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.PolicyChanges.CountAsync());
    }
}
