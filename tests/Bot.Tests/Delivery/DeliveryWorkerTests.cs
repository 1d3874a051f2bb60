using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Bot.Tests.Support;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Delivery;

/// <summary>What a turn sends to others goes through the ledger: queued in the turn, sent by the delivery worker.</summary>
public sealed class DeliveryWorkerTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student, ConversationTestBed.Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private DeliveryWorker Worker => _bed.Host.Services.GetRequiredService<DeliveryWorker>();

    private async Task<JsonObject> NudgeOfStudentAsync()
    {
        var list = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var id = (await _bed.MemberIdAsync(ConversationTestBed.Student)).ToString(CultureInfo.InvariantCulture);
        return list.SubmitData(Verbs.OverdueNudge).With(OverdueListCard.MemberField, id);
    }

    // The turn alone, without the test bed's run of the worker after it.
    private async Task<Turned> TurnOnlyAsync(Person person, JsonObject value)
    {
        var activity = _bed.Activity(person, "message");
        activity["value"] = value.DeepClone();
        activity["replyToId"] = "list-card";
        var before = _bed.Connector.Calls.Count;
        var response = await _bed.Host.SendAsync(activity);
        return new Turned(_bed.Connector.Calls.Skip(before).ToList(), (int)response.StatusCode);
    }

    [Fact]
    public async Task Nudge_InTheTurn_IsOnlyQueuedAndTheWorkerSendsItOnce()
    {
        var nudge = await NudgeOfStudentAsync();

        var turned = await TurnOnlyAsync(ConversationTestBed.Leader, nudge);

        Assert.Empty(turned.To(ConversationTestBed.Student));
        Assert.Contains("对张三的提醒已排队", turned.Single(ConversationTestBed.Leader).Text());
        await using (var db = _bed.Database())
        {
            var queued = await db.ReminderDeliveries.SingleAsync();
            Assert.Equal(ReminderDeliveryStatus.Pending, queued.Status);
            Assert.NotNull(queued.Message);
        }

        var before = _bed.Connector.Calls.Count;
        Assert.Equal(1, await Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await Worker.RunOnceAsync(CancellationToken.None));

        var sent = Assert.Single(_bed.Connector.Calls.Skip(before), c => c.ConversationId == ConversationTestBed.Student.ConversationId);
        Assert.Contains("钱组长", sent.Text());
        await using var after = _bed.Database();
        Assert.Equal(ReminderDeliveryStatus.Sent, (await after.ReminderDeliveries.SingleAsync()).Status);
    }

    [Fact]
    public async Task RunOnce_ThreeWorkersAtOnce_SendTheQueuedNudgeOnce()
    {
        await TurnOnlyAsync(ConversationTestBed.Leader, await NudgeOfStudentAsync());
        var before = _bed.Connector.Calls.Count;

        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Worker.RunOnceAsync(CancellationToken.None))));

        Assert.Equal(1, counts.Sum());
        Assert.Single(_bed.Connector.Calls.Skip(before), c => c.ConversationId == ConversationTestBed.Student.ConversationId && c.Method == "POST");
    }

    private static (int, object)? Blocked(ConnectorCall call, params Person[] people) =>
        call.Method == "POST" && people.Any(p => p.ConversationId == call.ConversationId)
            ? (403, new { error = new { code = "ConversationBlockedByUser", message = "blocked" } })
            : null;

    private async Task<Turned> AskForMoreTimeAsync()
    {
        var form = (await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        return await _bed.SubmitAsync(ConversationTestBed.Student, "form", form.SubmitData(Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "本周考试"));
    }

    [Fact]
    public async Task ExtensionRequest_LeaderTurnsOutUnreachableWhenSent_TheWorkerGivesTheCardToTheCommittee()
    {
        _bed.Connector.Respond = call => Blocked(call, ConversationTestBed.Leader);

        var asked = await AskForMoreTimeAsync();

        Assert.Contains("正在送给钱组长", asked.Single(ConversationTestBed.Student).Text());
        Assert.Contains("本周考试", asked.Single(ConversationTestBed.Secretary).Card().GetRawText());
        await using var db = _bed.Database();
        var rows = await db.ReminderDeliveries.OrderBy(d => d.Id).Select(d => new { d.Step, d.Status }).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.EndsWith(":leader", rows[0].Step, StringComparison.Ordinal);
        Assert.Equal(ReminderDeliveryStatus.Unreachable, rows[0].Status);
        Assert.EndsWith(":committee", rows[1].Step, StringComparison.Ordinal);
        Assert.Equal(ReminderDeliveryStatus.Sent, rows[1].Status);
    }

    [Fact]
    public async Task ExtensionRequest_NobodyReachableWhenSent_TheStudentIsTold()
    {
        _bed.Connector.Respond = call => Blocked(call, ConversationTestBed.Leader, ConversationTestBed.Secretary);

        var asked = await AskForMoreTimeAsync();

        var toStudent = asked.To(ConversationTestBed.Student).Where(c => c.Method == "POST").Select(c => c.Text()).ToList();
        Assert.Equal(2, toStudent.Count);
        Assert.Contains("正在送给钱组长", toStudent[0]);
        Assert.Contains("无法把它送到", toStudent[1]);
        await using var db = _bed.Database();
        Assert.Equal(ExtensionStatus.Requested, (await db.Extensions.SingleAsync()).Status);
    }
}
