using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Features.Meetings;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Features.Transfers;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Features.Transfers;

/// <summary>
/// 组织关系转接 through the real pipeline. 周六 (probationary) graduates on 1 July 2026; 张三 (an activist) also graduates
/// then; 钱组长 graduates in 2027. Today is 19 November 2026; the secretary 孙书记 is on the committee.
/// </summary>
public sealed class TransferJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Secretary, ConversationTestBed.Leader, ConversationTestBed.Probationary);
        await using var db = _bed.Database();
        foreach (var (person, on) in new[] { (ConversationTestBed.Probationary, "2026-07-01"), (ConversationTestBed.Student, "2026-07-01"), (ConversationTestBed.Leader, "2027-06-30") })
            (await db.Members.SingleAsync(m => m.StudentNumber == person.StudentNumber)).SetGraduation(DateOnly.Parse(on, CultureInfo.InvariantCulture));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<JsonObject> LetterAsync(Person person, string date, string destination = "北京市海淀区某街道党工委")
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "组织关系转接")).Single(ConversationTestBed.Secretary).Card();
        return card.SubmitData(Verbs.TransfersLetter)
            .With(TransfersCard.LetterPersonInput, (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture))
            .With(TransfersCard.LetterDateInput, date).With(TransfersCard.DestinationInput, destination);
    }

    private async Task<JsonObject> ReceiptAsync(Person person, string date)
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "组织关系转接")).Single(ConversationTestBed.Secretary).Card();
        return card.SubmitData(Verbs.TransfersReceipt)
            .With(TransfersCard.ReceiptPersonInput, (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture))
            .With(TransfersCard.ReceiptDateInput, date);
    }

    private async Task<IReadOnlyList<ConnectorCallView>> RunChaseAsync(DateTimeOffset at)
    {
        if (at > _bed.Time.GetUtcNow()) _bed.Time.SetUtcNow(at);
        var before = _bed.Connector.Calls.Count;
        using var scope = _bed.Host.Services.CreateScope();
        await scope.ServiceProvider.GetServices<ReminderJob>().Single(j => j.Id == ProbationRemindersJob.JobId).RunAsync(at, CancellationToken.None);
        return [.. _bed.Connector.Calls.Skip(before).Where(c => c.Method == "POST")
            .Select(c => new ConnectorCallView(c.ConversationId, System.Text.RegularExpressions.Regex.Unescape(c.Body.GetRawText())))];
    }

    private sealed record ConnectorCallView(string ConversationId, string Body);

    private static DateTimeOffset Local(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Transfer_LetterThenMonthlyChaseThenReceipt_ChasedOnceAMonthUntilTracedAndOffTheActiveRosterWithoutEvaluationRounds()
    {
        var overdueBefore = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card().GetRawText();
        var listed = (await _bed.SayAsync(ConversationTestBed.Secretary, "转接")).Single(ConversationTestBed.Secretary).Card().GetRawText();

        var saved = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await LetterAsync(ConversationTestBed.Probationary, "2026-11-10"));

        Assert.Contains("周六", overdueBefore);
        Assert.Contains("周六", listed);
        Assert.Contains("尚未开具介绍信", listed);
        Assert.DoesNotContain("钱组长", listed);
        Assert.Contains("已登记周六的介绍信：2026年11月10日，转往北京市海淀区某街道党工委", saved.Single(ConversationTestBed.Secretary).Text());
        // The member hears of it at once, in their chat, through the ledger.
        Assert.Contains("支部已于2026年11月10日为你开具组织关系介绍信，转往北京市海淀区某街道党工委", saved.Single(ConversationTestBed.Probationary).Text());
        await using (var db = _bed.Database())
        {
            var member = await db.Members.SingleAsync(m => m.StudentNumber == ConversationTestBed.Probationary.StudentNumber);
            Assert.Equal(new DateOnly(2026, 11, 10), member.TransferredOn);
            Assert.Equal(("北京市海淀区某街道党工委", (DateOnly?)null), await db.Transfers.Select(t => ValueTuple.Create(t.Destination, t.ReceiptOn)).SingleAsync());
        }
        var overdueAfter = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card().GetRawText();
        var summary = (await _bed.SayAsync(ConversationTestBed.Secretary, "支部统计")).Single(ConversationTestBed.Secretary).Card().GetRawText();
        Assert.DoesNotContain("周六", overdueAfter);
        Assert.Contains("组织关系转接：1份回执尚未收到", summary);
        Assert.Contains("周六", summary);

        // Chased on the 1st at 09:00, once a month: to the committee and to the member.
        var early = await RunChaseAsync(Local(2026, 12, 1, 8));
        var december = await RunChaseAsync(Local(2026, 12, 1, 9));
        var again = await RunChaseAsync(Local(2026, 12, 1, 15));
        var january = await RunChaseAsync(Local(2027, 1, 1, 9));
        var januaryAgain = await RunChaseAsync(Local(2027, 1, 1, 10));

        Assert.Empty(early);
        Assert.Empty(again);
        Assert.Empty(januaryAgain);
        foreach (var month in new[] { december, january })
        {
            Assert.Equal(new[] { ConversationTestBed.Probationary.ConversationId, ConversationTestBed.Secretary.ConversationId }.Order(StringComparer.Ordinal), month.Select(c => c.ConversationId).Order(StringComparer.Ordinal));
            Assert.Contains("组织关系转接：1份回执尚未收到", month.Single(c => c.ConversationId == ConversationTestBed.Secretary.ConversationId).Body);
            Assert.Contains("你的组织关系介绍信于2026年11月10日开往北京市海淀区某街道党工委，支部尚未收到回执", month.Single(c => c.ConversationId == ConversationTestBed.Probationary.ConversationId).Body);
        }

        _bed.Time.SetUtcNow(Local(2027, 1, 6, 10));
        var receipt = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await ReceiptAsync(ConversationTestBed.Probationary, "2027-01-05"));
        var february = await RunChaseAsync(Local(2027, 2, 1, 9));
        var summaryAfter = (await _bed.SayAsync(ConversationTestBed.Secretary, "支部统计")).Single(ConversationTestBed.Secretary).Card().GetRawText();

        Assert.Contains("已登记周六的回执：2027年1月5日", receipt.Single(ConversationTestBed.Secretary).Text());
        Assert.Empty(february);
        Assert.DoesNotContain("回执尚未收到", summaryAfter);
        await using (var db = _bed.Database())
        {
            Assert.Equal(new DateOnly(2027, 1, 5), (await db.Transfers.SingleAsync()).ReceiptOn);
            // Off the active roster: no half-yearly round opened for them on 30 November's half year.
            Assert.False(await db.EvaluationRounds.AnyAsync());
            Assert.Equal(4, await db.ReminderDeliveries.CountAsync(d => d.Step == Steps.TransferChase && d.Status == ReminderDeliveryStatus.Sent));
        }
        // Off the active roster, but in the year's figures: on the branch sheet with the people, and in its group's rows.
        var csv = await CsvAsync(2026);
        Assert.Contains("支部,组织关系转接,毕业党员,1,周六 (2024001)\r\n", csv);
        Assert.Contains("支部,组织关系转接,尚未开具介绍信,0,\r\n", csv);
        Assert.Contains("支部,组织关系转接,开具介绍信,1,周六 (2024001)\r\n", csv);
        Assert.Contains("支部,组织关系转接,收到回执,1,周六 (2024001)\r\n", csv);
        Assert.Contains("支部,组织关系转接,回执未收到,0,\r\n", csv);
        Assert.Contains(",2026-07-01,2026-11-10,北京市海淀区某街道党工委,2027-01-05\r\n", csv);
        Assert.Contains("第一小组,2024001,周六,", csv);
    }

    private async Task<string> CsvAsync(int year)
    {
        await using var db = _bed.Database();
        var (branch, _) = await _bed.Host.Services.GetRequiredService<BranchState>().LoadAsync(db, CancellationToken.None);
        var bytes = await new YearlyExport(db, branch, _bed.Time.GetUtcNow()).BuildAsync(year, Language.ZhCn, null, ExportFormat.Csv, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    [Fact]
    public async Task Transfer_BadOrForgedInput_IsRefusedSayingWhyAndStoresNothing()
    {
        var receiptWithoutLetter = await ReceiptAsyncUnchecked(ConversationTestBed.Probationary, "2026-11-18");
        var future = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await LetterAsync(ConversationTestBed.Probationary, "2026-11-20"));
        var activist = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await LetterAsync(ConversationTestBed.Student, "2026-11-10"));
        var notGraduating = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await LetterAsync(ConversationTestBed.Leader, "2026-11-10"));
        var stranger = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", (await LetterAsync(ConversationTestBed.Probationary, "2026-11-10")).With(TransfersCard.LetterPersonInput, "99999"));
        var noDestination = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await LetterAsync(ConversationTestBed.Probationary, "2026-11-10", " "));
        var byLeader = await _bed.SubmitAsync(ConversationTestBed.Leader, "transfers-card", await LetterAsync(ConversationTestBed.Probationary, "2026-11-10"));
        var typedByLeader = await _bed.SayAsync(ConversationTestBed.Leader, "transfers", "en-US");

        Assert.Contains("还没有登记介绍信", receiptWithoutLetter);
        Assert.Contains("晚于今天", future.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("张三不是党员", activist.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("钱组长没有2026年或更早的毕业日期", notGraduating.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("名册上没有这个人", stranger.Single(ConversationTestBed.Secretary).Text());
        Assert.NotEmpty(noDestination.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("无权", byLeader.Single(ConversationTestBed.Leader).Text());
        Assert.Contains("does not allow", typedByLeader.Single(ConversationTestBed.Leader).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Transfers.CountAsync());
        Assert.Equal(0, await db.Members.CountAsync(m => m.TransferredOn != null));
        Assert.Equal(0, await db.ReminderDeliveries.CountAsync(d => d.Step == TransferFlow.LetterNoticeStep));
    }

    [Fact]
    public async Task Receipt_BeforeTheLetterOrTwice_IsRefusedAndTheLetterCannotBeIssuedTwice()
    {
        await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await LetterAsync(ConversationTestBed.Probationary, "2026-11-10"));
        var receiptForm = await ReceiptAsync(ConversationTestBed.Probationary, "2026-11-09");

        var early = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", receiptForm);
        var future = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", receiptForm.With(TransfersCard.ReceiptDateInput, "2026-11-20"));
        var ok = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", receiptForm.With(TransfersCard.ReceiptDateInput, "2026-11-18"));
        var twice = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", receiptForm.With(TransfersCard.ReceiptDateInput, "2026-11-19"));
        var letterTwice = await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", new JsonObject { ["verb"] = Verbs.TransfersLetter, ["cardId"] = "transfers-x" }
            .With(TransfersCard.LetterPersonInput, (await _bed.MemberIdAsync(ConversationTestBed.Probationary)).ToString(CultureInfo.InvariantCulture))
            .With(TransfersCard.LetterDateInput, "2026-11-12").With(TransfersCard.DestinationInput, "上海"));

        Assert.Contains("回执日期 2026年11月9日 早于介绍信日期 2026年11月10日", early.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("晚于今天", future.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("已登记周六的回执：2026年11月18日", ok.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("已于2026年11月18日登记", twice.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("已于2026年11月10日开具", letterTwice.Single(ConversationTestBed.Secretary).Text());
        await using var db = _bed.Database();
        var transfer = await db.Transfers.SingleAsync();
        Assert.Equal((new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 18), "北京市海淀区某街道党工委"), (transfer.LetterIssuedOn, transfer.ReceiptOn!.Value, transfer.Destination));
        Assert.Equal(1, await db.ReminderDeliveries.CountAsync(d => d.Step == TransferFlow.LetterNoticeStep)); // the refused second letter told no one
    }

    [Fact]
    public async Task ScheduleMeeting_AfterTheLetter_TheTransferredMemberIsNotInvitedButWasBefore()
    {
        async Task<IReadOnlyList<int>> ScheduleAsync(string date)
        {
            var form = (await _bed.SayAsync(ConversationTestBed.Secretary, "召开会议")).Single(ConversationTestBed.Secretary).Card().SubmitData(Verbs.MeetingsSchedule)
                .With(MeetingFormCard.KindInput, nameof(BranchBot.Domain.Meetings.MeetingKind.General)).With(MeetingFormCard.DateInput, date).With(MeetingFormCard.TimeInput, "14:00")
                .With(MeetingFormCard.PlaceInput, "A101").With(MeetingFormCard.TopicInput, "组织生活");
            await _bed.SubmitAsync(ConversationTestBed.Secretary, "meeting-" + date, form);
            await using var db = _bed.Database();
            return [.. (await db.Meetings.Include(m => m.Attendees).OrderBy(m => m.Id).LastAsync()).Attendees.Select(a => a.MemberId)];
        }
        var probationary = await _bed.MemberIdAsync(ConversationTestBed.Probationary);

        var before = await ScheduleAsync("2026-11-20");
        await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", await LetterAsync(ConversationTestBed.Probationary, "2026-11-19"));
        var after = await ScheduleAsync("2026-11-27");

        Assert.Contains(probationary, before);
        Assert.DoesNotContain(probationary, after);
        Assert.Equal(before.Count - 1, after.Count);
    }

    [Theory]
    [InlineData("zh-CN", "组织关系转接")]
    [InlineData("en-US", "transfers")]
    [InlineData("zh-TW", "組織關係轉接")]
    public async Task Help_Committee_NamesTheUnlistedTransfersCommand(string locale, string phrase)
    {
        var help = (await _bed.SayAsync(ConversationTestBed.Secretary, locale == "zh-CN" ? "帮助" : locale == "en-US" ? "help" : "幫助", locale)).Single(ConversationTestBed.Secretary).Card().GetRawText();

        Assert.Contains(phrase, System.Text.RegularExpressions.Regex.Unescape(help));
    }

    // The card offers no receipt form before any letter: a forged submit with the receipt verb.
    private async Task<string> ReceiptAsyncUnchecked(Person person, string date)
    {
        var data = new JsonObject { ["verb"] = Verbs.TransfersReceipt, ["cardId"] = "transfers-x" }
            .With(TransfersCard.ReceiptPersonInput, (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture)).With(TransfersCard.ReceiptDateInput, date);
        return (await _bed.SubmitAsync(ConversationTestBed.Secretary, "transfers-card", data)).Single(ConversationTestBed.Secretary).Text();
    }
}
