using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Dues;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Bot.Tests.Support;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;

namespace BranchBot.Bot.Tests.Features;

/// <summary>
/// 党费 through the real pipeline. The bed's branch (19 November 2026) owes five members' dues in November: 周六
/// (probationary), 赵老师, 钱组长, 吴组长 and 孙书记 (the secretary, on the committee); the activists owe none.
/// </summary>
public sealed class DuesJourneyTests : IAsyncLifetime
{
    private static readonly Person[] Owing = [Probationary, Mentor, Leader, OtherLeader, Secretary];
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync();
        await _bed.InstallAsync(Secretary, Leader, OtherLeader, Probationary, Mentor, Student);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<JsonElement> MonthCardAsync() => (await _bed.SayAsync(Secretary, "党费")).Single(Secretary).Card();

    /// <summary>What a client sends for <paramref name="verb"/>: the action's data and every input's current value, then the changes.</summary>
    private static JsonObject Submit(JsonElement card, string verb, params (string Input, string Value)[] changes)
    {
        var data = card.SubmitData(verb);
        foreach (var input in CardInputs.Of(card))
            if (input.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
                data = data.With(input.GetProperty("id").GetString()!, value.GetString()!);
        foreach (var (name, text) in changes) data = data.With(name, text);
        return data;
    }

    private async Task<(string, string)[]> PaidAsync(params Person[] people)
    {
        var changes = new List<(string, string)>();
        foreach (var p in people) changes.Add((DuesMonthCard.PaidInput(await _bed.MemberIdAsync(p)), "true"));
        return [.. changes];
    }

    private async Task SetRatesAsync()
    {
        var card = await MonthCardAsync();
        foreach (var (person, amount) in new[] { (Probationary, "0.50"), (Mentor, "20"), (Leader, "0.50"), (OtherLeader, "0.5"), (Secretary, "0.50") })
        {
            var turned = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesRate, (DuesMonthCard.RatePersonInput, (await _bed.MemberIdAsync(person)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (DuesMonthCard.RateAmountInput, amount), (DuesMonthCard.RateFromInput, "2026-11")));
            Assert.Contains("已设置", turned.AllText);
        }
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = _bed.Database();
        var rates = await db.DuesRates.AsNoTracking().OrderBy(r => r.MemberId).Select(r => $"{r.MemberId}:{r.Amount}").ToListAsync();
        var payments = await db.DuesPayments.AsNoTracking().OrderBy(p => p.MemberId).Select(p => $"{p.MemberId}:{p.Amount}:{p.Receipt}").ToListAsync();
        var remittances = await db.DuesRemittances.AsNoTracking().Select(r => $"{r.Amount}:{r.Receipt}").ToListAsync();
        return string.Join("|", rates) + "/" + string.Join("|", payments) + "/" + string.Join("|", remittances);
    }

    private async Task<SweepResult> RunDuesJobAsync(DateTimeOffset asOf)
    {
        using var scope = _bed.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DuesRemindersJob>().RunAsync(asOf, CancellationToken.None);
    }

    private static string Figure(XlsxSheetText sheet, string figure) => Assert.Single(sheet.Rows, r => r.Count == 3 && r[1] == figure)[2];

    [Fact]
    public async Task Dues_AMonthWithOneUnpaid_RecordedRemindedOnceSummarisedAndExported()
    {
        await SetRatesAsync();
        var card = await MonthCardAsync();
        Assert.Contains("已缴 0/5 人，已收 ¥0.00，应收 ¥22.00", card.GetRawText());

        // The committee marks four of the five paid from the one card; amounts default to their rates.
        var paid = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Mentor, Leader, OtherLeader, Secretary),
            (DuesMonthCard.ReceiptInput, "NO.2026-11-001")]));
        Assert.Contains("已记录 4 人的2026年11月党费，共 ¥21.50", paid.AllText);
        Assert.Contains("已缴 4/5 人，已收 ¥21.50，应收 ¥22.00", Assert.Single(paid.Calls, c => c.Method == "PUT").Card().GetRawText());
        var again = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Mentor, Leader, OtherLeader, Secretary),
            (DuesMonthCard.ReceiptInput, "NO.2026-11-001")]));
        Assert.Contains("已经记录过", again.AllText);
        await using (var db = _bed.Database())
        {
            Assert.Equal(4, await db.DuesPayments.CountAsync());
            Assert.Equal(21.50m, (await db.DuesPayments.Select(p => p.Amount).ToListAsync()).Sum());
        }

        // The 20th at the summary time: only the unpaid one is reminded, once.
        var before = _bed.Connector.Calls.Count;
        await RunDuesJobAsync(new DateTimeOffset(2026, 11, 20, 8, 59, 0, TimeSpan.FromHours(8)));
        Assert.DoesNotContain(_bed.Connector.Calls.Skip(before), c => c.Body.GetRawText().Contains("党费尚未缴纳", StringComparison.Ordinal));
        await RunDuesJobAsync(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        await RunDuesJobAsync(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        await RunDuesJobAsync(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
        var reminders = _bed.Connector.Calls.Skip(before).Where(c => Turned.Decode(c.Body.GetRawText()).Contains("党费尚未缴纳", StringComparison.Ordinal)).ToList();
        var reminder = Assert.Single(reminders);
        Assert.Equal(Probationary.ConversationId, reminder.ConversationId);
        Assert.Contains("¥0.50", Turned.Decode(reminder.Body.GetRawText()));
        await using (var db = _bed.Database())
        {
            var row = Assert.Single(await db.ReminderDeliveries.AsNoTracking().Where(d => d.Step == DuesReminders.Step).ToListAsync());
            Assert.Equal((ReminderDeliveryStatus.Sent, await _bed.MemberIdAsync(Probationary)), (row.Status, row.MemberId));
        }

        // The remittance upward, defaulting to what was collected.
        var remitted = await _bed.SubmitAsync(Secretary, "dues", Submit(await MonthCardAsync(), Verbs.DuesRemit, (DuesMonthCard.RemitReceiptInput, "SJ-2026-11")));
        Assert.Contains("已登记2026年11月党费上缴 ¥21.50", remitted.AllText);

        // The committee's summary shows the month.
        var summary = Turned.Decode((await _bed.SayAsync(Secretary, "支部统计")).Single(Secretary).Card().GetRawText());
        Assert.Contains("党费 · 2026年11月", summary);
        Assert.Contains("已缴 4/5 人，已收 ¥21.50，应收 ¥22.00", summary);
        Assert.Contains("已上缴 ¥21.50（收据 SJ-2026-11", summary);
        Assert.Contains("周六", summary);

        // The member sees their own months; the unpaid November among them.
        var mine = Turned.Decode((await _bed.SayAsync(Probationary, "党费")).Single(Probationary).Card().GetRawText());
        Assert.Contains("未缴（标准 ¥0.50）", mine);
        var mentor = Turned.Decode((await _bed.SayAsync(Mentor, "dues", "en-US")).Single(Mentor).Card().GetRawText());
        Assert.Contains("paid ¥20.00 (receipt NO.2026-11-001", mentor);

        // The yearly workbook's numbers match.
        IReadOnlyList<XlsxSheetText> sheets;
        await using (var db = _bed.Database())
        {
            var (branch, _) = await _bed.Host.Services.GetRequiredService<BranchState>().LoadAsync(db, CancellationToken.None);
            using var stream = new MemoryStream(await new YearlyExport(db, branch, _bed.Time.GetUtcNow()).BuildAsync(2026, Language.ZhCn, null, ExportFormat.Xlsx, CancellationToken.None));
            sheets = Xlsx.Read(stream);
        }
        var sheet = sheets[0];
        Assert.Equal(("5", "4", "22.00", "21.50", "21.50", "SJ-2026-11"), (Figure(sheet, "2026年11月：应缴人数"), Figure(sheet, "2026年11月：已缴人数"),
            Figure(sheet, "2026年11月：应收（元）"), Figure(sheet, "2026年11月：已收（元）"), Figure(sheet, "2026年11月：上缴（元）"), Figure(sheet, "2026年11月：上缴收据号")));
        Assert.Equal("21.50", Figure(sheet, "全年已收（元）"));
        Assert.Equal(("5", "0"), (Figure(sheet, "2026年10月：应缴人数"), Figure(sheet, "2026年10月：已缴人数")));
        var first = sheets.Single(s => s.Name == "第一小组");
        var header = first.Rows.First(r => r.Count > 0 && r[0] == "学号").ToList();
        var at = header.IndexOf("党费应缴月数");
        var probationary = first.Rows.Single(r => r.Count > 0 && r[0] == Probationary.StudentNumber);
        var teacher = first.Rows.Single(r => r.Count > 0 && r[0] == Mentor.StudentNumber);
        Assert.Equal(["6", "0", "0.00"], probationary.Skip(at).Take(3));
        Assert.Equal(["11", "1", "20.00"], teacher.Skip(at).Take(3));

        // The month's ledger through the chat's link, checked again at download.
        var links = (await _bed.SubmitAsync(Secretary, "dues", Submit(await MonthCardAsync(), Verbs.DuesExport))).Single(Secretary).Card();
        var urls = links.GetProperty("actions").EnumerateArray().Select(a => new Uri(a.GetProperty("url").GetString()!)).ToList();
        Assert.Equal(2, urls.Count);
        using var response = await _bed.Host.Client.GetAsync(urls[0].PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var ledgerStream = await response.Content.ReadAsStreamAsync();
        var ledger = Assert.Single(Xlsx.Read(ledgerStream));
        Assert.Equal("党费台账 2026-11", ledger.Name);
        Assert.Equal("未缴", ledger.Rows.Single(r => r.Count > 0 && r[0] == Probationary.StudentNumber)[5]);
        Assert.Equal(["20.00", "NO.2026-11-001"], ledger.Rows.Single(r => r.Count > 0 && r[0] == Mentor.StudentNumber).Skip(5).Take(2));
        Assert.Equal(["22.00", "21.50"], ledger.Rows.Single(r => r.Count > 0 && r[0] == "合计").Skip(4).Take(2));
        using var csv = await _bed.Host.Client.GetAsync(urls[1].PathAndQuery);
        Assert.Contains("NO.2026-11-001", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reminder_EveryonePaid_SendsNothing()
    {
        await SetRatesAsync();
        await _bed.SubmitAsync(Secretary, "dues", Submit(await MonthCardAsync(), Verbs.DuesPay, [.. await PaidAsync(Owing), (DuesMonthCard.ReceiptInput, "R-1")]));
        var before = _bed.Connector.Calls.Count;

        await RunDuesJobAsync(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.DoesNotContain(_bed.Connector.Calls.Skip(before), c => Turned.Decode(c.Body.GetRawText()).Contains("党费", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-1", "金额不能为负数")]
    [InlineData("0", "金额不能为零")]
    [InlineData("0.001", "金额最多两位小数")]
    [InlineData("5000", "金额超过上限 ¥1000.00")]
    [InlineData("1e3", "金额须为数字")]
    [InlineData("0,50", "金额须为数字")]
    public async Task Pay_BadAmount_IsRefusedWithTheReasonAndStoresNothing(string amount, string expected)
    {
        var card = await MonthCardAsync();
        var before = await SnapshotAsync();
        var leader = await _bed.MemberIdAsync(Leader);

        var turned = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Mentor, Leader),
            (DuesMonthCard.AmountInput(await _bed.MemberIdAsync(Mentor)), "1.00"), (DuesMonthCard.AmountInput(leader), amount), (DuesMonthCard.ReceiptInput, "R-1")]));

        Assert.Contains("钱组长：" + expected, turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("-0.50", "金额不能为负数")]
    [InlineData("0.505", "最多两位小数")]
    [InlineData("1000.01", "超过上限")]
    public async Task Rate_BadAmount_IsRefusedWithTheReasonAndStoresNothing(string amount, string expected)
    {
        var card = await MonthCardAsync();
        var before = await SnapshotAsync();

        var turned = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesRate,
            (DuesMonthCard.RatePersonInput, (await _bed.MemberIdAsync(Probationary)).ToString(System.Globalization.CultureInfo.InvariantCulture)), (DuesMonthCard.RateAmountInput, amount)));

        Assert.Contains(expected, turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Pay_ForgedData_IsRefusedWithTheReasonAndStoresNothing()
    {
        await SetRatesAsync();
        var card = await MonthCardAsync();
        var before = await SnapshotAsync();
        var receipt = (DuesMonthCard.ReceiptInput, "R-1");

        // An activist's id in a toggle the card never offered.
        var activist = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Mentor, Student), receipt]));
        Assert.Contains("张三2026年11月无需缴纳党费", activist.Single(Secretary).Text());
        // A student, and a group leader who is not on the committee, replaying the committee's card.
        var student = await _bed.SubmitAsync(Student, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Student), receipt]));
        Assert.Contains("由支委登记", student.Single(Student).Text());
        var leader = await _bed.SubmitAsync(Leader, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Leader), receipt]));
        Assert.Contains("由支委登记", leader.Single(Leader).Text());
        var leaderRate = await _bed.SubmitAsync(Leader, "dues", Submit(card, Verbs.DuesRate, (DuesMonthCard.RatePersonInput, (await _bed.MemberIdAsync(Leader)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (DuesMonthCard.RateAmountInput, "0.01")));
        Assert.Contains("由支委登记", leaderRate.Single(Leader).Text());
        var leaderRemit = await _bed.SubmitAsync(Leader, "dues", Submit(card, Verbs.DuesPay, (DuesMonthCard.RemitAmountInput, "1"), (DuesMonthCard.RemitReceiptInput, "X"))
            .With("verb", Verbs.DuesRemit));
        Assert.Contains("由支委登记", leaderRemit.Single(Leader).Text());
        // A month in the future, a rate for an activist, no receipt, nobody ticked.
        var future = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Mentor), receipt, (DuesMonthCard.MonthField, "2026-12")]));
        Assert.Contains("只能登记 2025年1月 至 2026年11月", future.Single(Secretary).Text());
        var rate = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesRate, (DuesMonthCard.RatePersonInput, (await _bed.MemberIdAsync(Student)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (DuesMonthCard.RateAmountInput, "0.50")));
        Assert.Contains("张三不是预备党员或正式党员", rate.Single(Secretary).Text());
        var noReceipt = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, await PaidAsync(Mentor)));
        Assert.Contains("请填写收据号", noReceipt.Single(Secretary).Text());
        var nobody = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, receipt));
        Assert.Contains("请先勾选", nobody.Single(Secretary).Text());

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Remit_Twice_IsRefusedTheSecondTime()
    {
        await SetRatesAsync();
        await _bed.SubmitAsync(Secretary, "dues", Submit(await MonthCardAsync(), Verbs.DuesPay, [.. await PaidAsync(Mentor), (DuesMonthCard.ReceiptInput, "R-1")]));
        var card = await MonthCardAsync();
        await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesRemit, (DuesMonthCard.RemitReceiptInput, "SJ-1")));
        var before = await SnapshotAsync();

        var again = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesRemit, (DuesMonthCard.RemitReceiptInput, "SJ-2")));

        Assert.Contains("已登记上缴：已上缴 ¥20.00（收据 SJ-1", again.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Rate_SetAgainForTheSameMonth_ChangesIt()
    {
        await SetRatesAsync();
        var card = await MonthCardAsync();

        await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesRate, (DuesMonthCard.RatePersonInput, (await _bed.MemberIdAsync(Mentor)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (DuesMonthCard.RateAmountInput, "25.10"), (DuesMonthCard.RateFromInput, "2026-11")));

        await using var db = _bed.Database();
        var mentorId = await _bed.MemberIdAsync(Mentor);
        Assert.Equal(25.10m, Assert.Single(await db.DuesRates.Where(r => r.MemberId == mentorId).ToListAsync()).Amount);
        Assert.Contains("应收 ¥27.10", (await MonthCardAsync()).GetRawText());
    }

    [Fact]
    public async Task Pay_BadAmountAfterAnEnglishCommand_IsRefusedInEnglish()
    {
        var card = (await _bed.SayAsync(Secretary, "dues", "en-US")).Single(Secretary).Card();
        var before = await SnapshotAsync();

        var turned = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesPay, [.. await PaidAsync(Leader),
            (DuesMonthCard.AmountInput(await _bed.MemberIdAsync(Leader)), "-0.50"), (DuesMonthCard.ReceiptInput, "R-1")]));

        Assert.Contains("Party dues · November 2026", card.GetRawText());
        Assert.Contains("钱组长: the amount cannot be negative; nothing recorded.", turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Dues_BySomeoneNotOnTheRoster_IsToldSoAndNothingElse()
    {
        var turned = await _bed.SayAsync(Stranger, "党费");

        Assert.DoesNotContain("党费 ·", turned.AllText);
        Assert.NotEmpty(turned.To(Stranger));
    }

    [Fact]
    public async Task Dues_ByAnActivist_SaysTheyOweNone()
    {
        var turned = await _bed.SayAsync(Student, "党费");

        Assert.Contains("你今年无需缴纳党费", turned.Single(Student).Text());
    }

    [Fact]
    public async Task Dues_AMonthTyped_ShowsThatMonthOrRefusesOneOutOfRange()
    {
        var october = (await _bed.SayAsync(Secretary, "党费 2026-10")).Single(Secretary).Card();
        var future = await _bed.SayAsync(Secretary, "党费 2027-01");

        Assert.Contains("党费 · 2026年10月", october.GetRawText());
        Assert.Contains("只能登记", future.Single(Secretary).Text());
    }

    private async Task<string> PaymentIdAsync(Person person)
    {
        var memberId = await _bed.MemberIdAsync(person);
        await using var db = _bed.Database();
        return (await db.DuesPayments.SingleAsync(p => p.MemberId == memberId)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Correct_AWrongAmountThenAMistakenTick_TheLedgerFollowsUntilTheMonthIsRemitted()
    {
        await SetRatesAsync();
        await _bed.SubmitAsync(Secretary, "dues", Submit(await MonthCardAsync(), Verbs.DuesPay, [.. await PaidAsync(Mentor, Leader), (DuesMonthCard.ReceiptInput, "R-1")]));
        var card = await MonthCardAsync();
        Assert.Contains("更正缴费记录", card.GetRawText());
        (string, string) Pick(string id) => (DuesMonthCard.CorrectPaymentInput, id);
        var mentor = await PaymentIdAsync(Mentor);
        var leader = await PaymentIdAsync(Leader);

        var corrected = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(mentor), (DuesMonthCard.CorrectAmountInput, "25"), (DuesMonthCard.CorrectReceiptInput, "R-9")));
        var nothing = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(mentor)));
        var same = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(mentor), (DuesMonthCard.CorrectAmountInput, "25.00")));
        var both = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(leader), (DuesMonthCard.CorrectWithdrawInput, "true"), (DuesMonthCard.CorrectAmountInput, "1")));
        var badAmount = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(leader), (DuesMonthCard.CorrectAmountInput, "0.123")));
        var forged = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick("99999"), (DuesMonthCard.CorrectAmountInput, "1")));
        var otherMonth = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(leader), (DuesMonthCard.CorrectAmountInput, "1"), (DuesMonthCard.MonthField, "2026-10")));
        var byLeader = await _bed.SubmitAsync(Leader, "dues", Submit(card, Verbs.DuesCorrect, Pick(leader), (DuesMonthCard.CorrectWithdrawInput, "true")));
        var withdrawn = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(leader), (DuesMonthCard.CorrectWithdrawInput, "true")));

        Assert.Contains("已更正赵老师2026年11月的缴费：¥25.00，收据 R-9", corrected.AllText);
        Assert.Contains("请填写正确的金额或收据号", nothing.AllText);
        Assert.Contains("已是这个金额和收据号", same.AllText);
        Assert.Contains("撤销和更正只能选一项", both.AllText);
        Assert.Contains("两位小数", badAmount.AllText);
        Assert.Contains("这张卡片指向的内容不存在", forged.AllText);
        Assert.Contains("这张卡片指向的内容不存在", otherMonth.AllText);
        Assert.Contains("由支委登记", byLeader.AllText);
        Assert.Contains("已撤销钱组长2026年11月的缴费记录（¥0.50），该月重新列为未缴", withdrawn.AllText);
        Assert.Contains("已缴 1/5 人，已收 ¥25.00", Assert.Single(withdrawn.Calls, c => c.Method == "PUT").Card().GetRawText());
        await using (var db = _bed.Database())
        {
            var stored = await db.DuesPayments.AsNoTracking().SingleAsync();
            Assert.Equal((await _bed.MemberIdAsync(Mentor), 25m, "R-9", await _bed.MemberIdAsync(Secretary)), (stored.MemberId, stored.Amount, stored.Receipt, stored.RecordedById));
        }

        // Once the month is remitted upward its payments are closed: no correction offered, a stale card refused.
        await _bed.SubmitAsync(Secretary, "dues", Submit(await MonthCardAsync(), Verbs.DuesRemit, (DuesMonthCard.RemitReceiptInput, "SJ-1")));
        var closed = await _bed.SubmitAsync(Secretary, "dues", Submit(card, Verbs.DuesCorrect, Pick(mentor), (DuesMonthCard.CorrectAmountInput, "20")));

        Assert.DoesNotContain("更正缴费记录", (await MonthCardAsync()).GetRawText());
        Assert.Contains("的党费已上缴", closed.AllText);
        Assert.Contains("不能再更正", closed.AllText);
        await using (var db = _bed.Database())
            Assert.Equal(25m, (await db.DuesPayments.AsNoTracking().SingleAsync()).Amount);
    }
}
