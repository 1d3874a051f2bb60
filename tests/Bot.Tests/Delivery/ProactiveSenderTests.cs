using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Reminders;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Delivery;

/// <summary>One reminder to one activist (A1) through the real adapter, against a connector answering like Teams does when things go wrong.</summary>
public sealed class ProactiveSenderTests
{
    private static async Task<(ReminderHarness H, BranchBuilder B)> StartAsync(Func<string, int, ConnectorAnswer?> answer, bool teams = true, string? conversationId = null, IDictionary<string, string?>? settings = null)
    {
        var h = await ReminderHarness.StartAsync(settings: settings);
        h.Connector.Answer = answer;
        var b = new BranchBuilder(h);
        await b.MemberAsync("A1", Stage.Activist, teams: teams, conversationId: conversationId);
        return (h, b);
    }

    private static Task<SweepResult> RemindAsync(ReminderHarness h, int day = 23) => h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, day, 9, 0));

    [Fact]
    public async Task Send_ThrottledWithRetryAfter_WaitsThenSendsOnce()
    {
        var (h, _) = await StartAsync((_, n) => n == 1 ? new ConnectorAnswer(429, "Throttled", RetryAfter: "1") : null);
        await using var _h = h;

        await RemindAsync(h);

        var calls = h.Connector.Calls;
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
        var row = Assert.Single(await h.LedgerAsync());
        Assert.Equal((ReminderDeliveryStatus.Sent, 2), (row.Status, row.Attempts));
        Assert.StartsWith("activity-", row.ActivityId, StringComparison.Ordinal);
        Assert.Equal("429 Throttled", row.LastError);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Send_TransientErrorTwice_RetriesWithBackoffAndSendsOnce(int status)
    {
        var (h, _) = await StartAsync((_, n) => n <= 2 ? new ConnectorAnswer(status) : null);
        await using var _h = h;

        await RemindAsync(h);

        Assert.Equal([status, status, 200], h.Connector.Calls.Select(c => c.Status));
        var row = Assert.Single(await h.LedgerAsync());
        Assert.Equal((ReminderDeliveryStatus.Sent, 3), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task Send_AlwaysUnavailable_GivesUpAfterMaxAttemptsAsFailed()
    {
        var (h, _) = await StartAsync((_, _) => new ConnectorAnswer(503));
        await using var _h = h;

        var result = await RemindAsync(h);
        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 10, 0));

        Assert.Equal(5, h.Connector.Calls.Count);
        Assert.Equal(1, result.Failed);
        var row = Assert.Single(await h.LedgerAsync());
        Assert.Equal((ReminderDeliveryStatus.Failed, 5, "503 ServiceError"), (row.Status, row.Attempts, row.LastError));
    }

    [Fact]
    public async Task Send_ConnectorTooSlow_TimesOutAndRetries()
    {
        var (h, _) = await StartAsync((_, n) => n == 1 ? ConnectorAnswer.Ok(TimeSpan.FromSeconds(3)) : null,
            settings: new Dictionary<string, string?> { ["Delivery:SendTimeoutSeconds"] = "1" });
        await using var _h = h;

        await RemindAsync(h);

        var row = Assert.Single(await h.LedgerAsync());
        Assert.Equal((ReminderDeliveryStatus.Sent, 2, "Timeout"), (row.Status, row.Attempts, row.LastError));
        Assert.Single(h.Connector.Delivered);
    }

    [Theory]
    [InlineData(403, "ConversationBlockedByUser", null, "ConversationBlockedByUser")]
    [InlineData(403, "BotDisabledByAdmin", null, "BotDisabledByAdmin")]
    [InlineData(403, "BotNotInConversationRoster", null, "BotNotInConversationRoster")]
    [InlineData(403, "ForbiddenOperationException", null, "ForbiddenOperationException")]
    [InlineData(403, "Forbidden", "MessageWritesBlocked", "MessageWritesBlocked")]
    [InlineData(404, "ConversationNotFound", null, "ConversationNotFound")]
    public async Task Send_TeamsSaysStop_MarksUnreachableOnceAndNeverRetries(int status, string code, string? subCode, string reason)
    {
        var (h, b) = await StartAsync((_, _) => new ConnectorAnswer(status, code, SubCode: subCode));
        await using var _h = h;

        await RemindAsync(h, 23);
        var later = await RemindAsync(h, 27);

        Assert.Single(h.Connector.Calls);
        Assert.Equal([(ReminderDeliveryStatus.Unreachable, 1, reason), (ReminderDeliveryStatus.Unreachable, 0, reason)],
            (await h.LedgerAsync()).Select(r => (r.Status, r.Attempts, r.LastError)));
        Assert.Equal(1, later.Unreachable);
        await using var db = h.Db();
        var user = await db.TeamsUsers.SingleAsync(u => u.MemberId == b["A1"].Id);
        Assert.Equal((reason, h.Local(2026, 11, 23, 9, 0)), (user.UnreachableReason, user.UnreachableSince));
    }

    [Fact]
    public async Task Send_NoTeamsUser_RecordsNoConversationWithoutCallingTeams()
    {
        var (h, _) = await StartAsync((_, _) => null, teams: false);
        await using var _h = h;

        await RemindAsync(h);

        Assert.Empty(h.Connector.Calls);
        var row = Assert.Single(await h.LedgerAsync());
        Assert.Equal((ReminderDeliveryStatus.NoConversation, "NoTeamsUser"), (row.Status, row.LastError));
    }

    [Fact]
    public async Task Send_TeamsUserWithoutConversation_CreatesTheChatStoresItAndSends()
    {
        var (h, b) = await StartAsync((_, _) => null, conversationId: "");
        await using var _h = h;

        await RemindAsync(h, 23);
        await RemindAsync(h, 27);

        Assert.Equal(1, h.Connector.ConversationsCreated);
        Assert.Equal(["conv-created-29:A1", "conv-created-29:A1"], h.Connector.Delivered.Select(d => d.ConversationId));
        await using var db = h.Db();
        var user = await db.TeamsUsers.SingleAsync(u => u.MemberId == b["A1"].Id);
        Assert.Equal("conv-created-29:A1", user.ConversationId);
        Assert.Contains("conv-created-29:A1", user.ConversationReferenceJson, StringComparison.Ordinal);
    }
}
