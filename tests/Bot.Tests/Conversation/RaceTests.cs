using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Tests.Support;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Conversation;

/// <summary>
/// The same card action fired at once, as real concurrent HTTP requests to /api/messages: exactly one write and
/// one outcome; every other click is told it was already done (and by whom). Tracking starts 1 October, so on
/// 19 November October's items are overdue.
/// </summary>
public sealed class RaceTests : IAsyncLifetime
{
    private const int Clicks = 5;
    private static readonly string GoodReport = string.Concat(Enumerable.Repeat("认真学习党章，联系自身实际，找差距明方向。", 12));
    private ConversationTestBed _bed = null!;

    // Every race on SQLite and on a server database: the outcome rests on the database's keys and conditional
    // updates, not on a lock in one process.
    public static TheoryData<DatabaseProvider> Providers => TestProviders.All;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(DatabaseProvider provider)
    {
        _bed = await ConversationTestBed.StartAsync(provider: provider);
        await _bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student, ConversationTestBed.Mentor, ConversationTestBed.Secretary);
    }

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }

    private async Task<string> IdOf(Person person) => (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Fires every submission at once and returns what the bot sent during the race.</summary>
    private async Task<IReadOnlyList<ConnectorCall>> RaceAsync(params Func<Task>[] clicks)
    {
        var before = _bed.Connector.Calls.Count;
        await Task.WhenAll(clicks.Select(click => Task.Run(click)));
        return _bed.Connector.Calls.Skip(before).ToList();
    }

    private Func<Task>[] Same(int times, Person who, string cardActivityId, JsonObject value) =>
        Enumerable.Range(0, times).Select(_ => (Func<Task>)(async () => Assert.Equal(200, (await _bed.SubmitAsync(who, cardActivityId, value)).Status))).ToArray();

    private static List<string> Texts(IEnumerable<ConnectorCall> calls, Person to) =>
        calls.Where(c => c.ConversationId == to.ConversationId && c.Method == "POST" && !c.HasCard()).Select(c => c.Text()).ToList();

    private async Task<JsonObject> ExcuseOfStudent2Async()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var id = await IdOf(ConversationTestBed.Student2);
        return card.SubmitData(Verbs.OverdueExcuse).With(OverdueListCard.MemberField, id)
            .With(OverdueListCard.ItemInputPrefix + id, $"ThoughtReport:2026-10:{id}")
            .With(OverdueListCard.ReasonInputPrefix + id, "病假");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Excuse_SameClickFiveTimesAtOnce_StoresOneExcuseAndTellsTheOthersWhoExcused(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var excuse = await ExcuseOfStudent2Async();

        var calls = await RaceAsync(Same(Clicks, ConversationTestBed.Leader, "list-card", excuse));

        var texts = Texts(calls, ConversationTestBed.Leader);
        Assert.Equal(Clicks, texts.Count);
        Assert.Single(texts, t => t.StartsWith("已免除", StringComparison.Ordinal));
        Assert.Equal(Clicks - 1, texts.Count(t => t.Contains("已由钱组长于 2026年11月19日 免除", StringComparison.Ordinal)));
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Excuses.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Excuse_FromTwoBotProcessesOnOneDatabaseAtOnce_StoresOneExcuse(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var excuse = await ExcuseOfStudent2Async();
        await using var second = await BotTestHost.StartAsync(
            new Dictionary<string, string?>(_bed.DatabaseSettings())
            {
                ["Branch:TrackingStartsOn"] = "2026-10-01",
                ["Reminders:Enabled"] = "false",
            },
            services => services.AddSingleton<TimeProvider>(_bed.Time));
        async Task ViaSecondHost()
        {
            var activity = _bed.Activity(ConversationTestBed.Leader, "message");
            activity["value"] = excuse.DeepClone();
            activity["replyToId"] = "list-card";
            Assert.Equal(200, (int)(await second.SendAsync(activity)).StatusCode);
        }

        var calls = await RaceAsync([.. Same(3, ConversationTestBed.Leader, "list-card", excuse), ViaSecondHost, ViaSecondHost, ViaSecondHost]);

        var texts = Texts(calls, ConversationTestBed.Leader);
        Assert.Equal(6, texts.Count);
        Assert.Single(texts, t => t.StartsWith("已免除", StringComparison.Ordinal));
        Assert.Equal(5, texts.Count(t => t.Contains("已由钱组长", StringComparison.Ordinal)));
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Excuses.CountAsync());
    }

    private async Task<(string CardActivityId, JsonObject Submit)> ReportFormAsync()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        return ("form-card", card.SubmitData(Verbs.ReportSubmit).With("period", "2026-11"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RequestExtension_FiveTimesAtOnce_StoresOneRequestAndSendsTheLeaderOneCard(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var (cardId, submit) = await ReportFormAsync();
        var request = submit.With("verb", Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "本周考试");

        var calls = await RaceAsync(Same(Clicks, ConversationTestBed.Student, cardId, request));

        Assert.Single(calls, c => c.ConversationId == ConversationTestBed.Leader.ConversationId && c.HasCard());
        var texts = Texts(calls, ConversationTestBed.Student);
        Assert.Equal(Clicks, texts.Count);
        Assert.Single(texts, t => t.Contains("正在送给钱组长", StringComparison.Ordinal));
        Assert.Equal(Clicks - 1, texts.Count(t => t.Contains("已于 2026年11月19日 为2026年11月的思想汇报申请过延期", StringComparison.Ordinal)));
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Extensions.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task DecideExtension_LeaderApprovesWhileSecretaryDeclines_OneOutcomeAndTheOtherIsToldWhoDecided(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var (cardId, submit) = await ReportFormAsync();
        var asked = await _bed.SubmitAsync(ConversationTestBed.Student, cardId, submit.With("verb", Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "本周考试"));
        var approve = asked.Single(ConversationTestBed.Leader).Card().SubmitData(Verbs.ExtensionDecide).With(ExtensionDecisionCard.DecisionField, "approve");
        var decline = approve.With(ExtensionDecisionCard.DecisionField, "decline");

        var calls = await RaceAsync([.. Same(2, ConversationTestBed.Leader, "leader-card", approve), .. Same(2, ConversationTestBed.Secretary, "secretary-card", decline)]);

        await using var db = _bed.Database();
        var stored = await db.Extensions.SingleAsync();
        Assert.NotEqual(ExtensionStatus.Requested, stored.Status);
        var (winner, loser) = stored.Status == ExtensionStatus.Approved
            ? (ConversationTestBed.Leader, ConversationTestBed.Secretary)
            : (ConversationTestBed.Secretary, ConversationTestBed.Leader);
        Assert.Equal(await _bed.MemberIdAsync(winner), stored.DecidedById);
        Assert.Single(calls, c => c.Method == "PUT");
        Assert.Single(Texts(calls, ConversationTestBed.Student));
        var verb = stored.Status == ExtensionStatus.Approved ? "批准" : "拒绝";
        var refusals = Texts(calls, winner).Concat(Texts(calls, loser)).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, t => Assert.Contains($"{winner.Name}已于 2026年11月19日 {verb}了这个申请", t));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task SubmitReport_SameCardFiveTimesAtOnce_StoresOneVersionAndNamesItToTheOthers(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var (cardId, submit) = await ReportFormAsync();

        var calls = await RaceAsync(Same(Clicks, ConversationTestBed.Student, cardId, submit.With(ReportFormCard.TextInput, GoodReport)));

        Assert.Single(calls, c => c.Method == "PUT");
        var texts = Texts(calls, ConversationTestBed.Student);
        Assert.Equal(Clicks - 1, texts.Count);
        Assert.All(texts, t => Assert.Contains("已于 2026年11月19日 收到（第 1 版）", t));
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Submissions.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task LogTalk_SameCardFiveTimesAtOnce_StoresOneTalk(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var card = (await _bed.SayAsync(ConversationTestBed.Mentor, "记录谈话")).Single(ConversationTestBed.Mentor).Card();
        var talk = card.SubmitData(Verbs.TalkSubmit)
            .With(TalkFormCard.MenteeInput, await IdOf(ConversationTestBed.Student)).With(TalkFormCard.DateInput, "2026-11-18")
            .With(TalkFormCard.TopicInput, "入党动机").With(TalkFormCard.SummaryInput, "谈了入党动机。");

        var calls = await RaceAsync(Same(Clicks, ConversationTestBed.Mentor, "talk-card", talk));

        Assert.Single(calls, c => c.Method == "PUT");
        var texts = Texts(calls, ConversationTestBed.Mentor);
        Assert.Equal(Clicks - 1, texts.Count);
        Assert.All(texts, t => Assert.Contains("与张三在 2026年11月18日 的谈话已经记录过了", t));
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Talks.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Nudge_SameClickFiveTimesAtOnce_SendsOneReminder(DatabaseProvider provider)
    {
        await StartAsync(provider);
        var card = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var nudge = card.SubmitData(Verbs.OverdueNudge).With(OverdueListCard.MemberField, await IdOf(ConversationTestBed.Student));

        var calls = await RaceAsync(Same(Clicks, ConversationTestBed.Leader, "list-card", nudge));

        Assert.Single(calls, c => c.ConversationId == ConversationTestBed.Student.ConversationId && c.Method == "POST");
        var texts = Texts(calls, ConversationTestBed.Leader);
        Assert.Single(texts, t => t == "对张三的提醒已排队，马上发出。");
        Assert.Equal(Clicks - 1, texts.Count(t => t.Contains("不用重复", StringComparison.Ordinal)));
        await using var db = _bed.Database();
        Assert.Equal(1, await db.ReminderDeliveries.CountAsync());
    }
}
