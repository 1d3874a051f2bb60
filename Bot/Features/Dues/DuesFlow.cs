using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Dues;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Dues;

/// <summary>The facts of one month of dues, read once: the roster (with stage history), the rates, the month's payments and its remittance.</summary>
public sealed record DuesLedger(IReadOnlyList<Member> Members, IReadOnlyList<DuesRate> Rates, IReadOnlyDictionary<int, DuesPayment> Payments, DuesRemittance? Remittance)
{
    public static async Task<DuesLedger> LoadAsync(BranchDbContext db, Period month, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().WithStageHistory().OrderBy(m => m.GroupId).ThenBy(m => m.StudentNumber).ToListAsync(ct);
        var rates = await db.DuesRates.AsNoTracking().ToListAsync(ct);
        var payments = await db.DuesPayments.AsNoTracking().Where(p => p.Month == month).ToDictionaryAsync(p => p.MemberId, ct);
        var remittance = await db.DuesRemittances.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month, ct);
        return new DuesLedger(members, rates, payments, remittance);
    }

    /// <summary>The month's figures (<see cref="DuesFigures.For"/> over this one month).</summary>
    public DuesMonth Figures(Period month) =>
        DuesFigures.For(month.Year, month.Start, Members, Rates, Payments.Values, Remittance is null ? [] : [Remittance]).Months.Single(m => m.Month == month);

    /// <summary>Everyone who owes the month, in roster order, with their rate and payment.</summary>
    public IReadOnlyList<DuesRow> Rows(Period month) =>
        [.. Members.Where(m => DuesRules.Owes(m, month)).Select(m => new DuesRow(m.Id, m.Name, m.StudentNumber, DuesRules.RateFor(Rates, m.Id, month), Payments.GetValueOrDefault(m.Id)))];
}

/// <summary>
/// 党费: the committee (<see cref="DuesRules.MayRecord"/>: any committee member) sees a month's list of who owes,
/// records payments for one or several members from the one card, sets a member's monthly rate, records the
/// remittance upward and takes the month's ledger; anyone else sees their own months of the year. Amounts are read
/// exactly (<see cref="DuesAmount.TryParse"/>); every refusal names the person and the reason and stores nothing.
/// </summary>
public sealed class DuesFlow(DownloadLinks links, ILogger<DuesFlow> logger)
{
    public async Task<Reply> ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        var current = Period.Containing(Cadence.Monthly, turn.Today);
        if (!DuesRules.MayRecord(turn.Member)) return await MineAsync(turn, cancellationToken);
        var month = current;
        if (turn.Argument is { Length: > 0 } typed)
        {
            if (!Period.TryParse(typed.Trim(), out var asked) || OutOfRange(asked!, current))
                return new Reply.Refused(turn.T("dues.error.badMonth", Formats.Period(turn.Language, FirstMonth(current)), Formats.Period(turn.Language, current)));
            month = asked!;
        }
        return Reply.Show(await MonthCardAsync(turn, month, cancellationToken));
    }

    public Task<Reply> MineFromCardAsync(Turn turn, CardData data, CancellationToken cancellationToken) => MineAsync(turn, cancellationToken);

    /// <summary>The speaker's own months of this year.</summary>
    public static async Task<Reply> MineAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        var year = turn.Today.Year;
        var rates = await turn.Db.DuesRates.AsNoTracking().Where(r => r.MemberId == me.Id).ToListAsync(cancellationToken);
        var payments = (await turn.Db.DuesPayments.AsNoTracking().Where(p => p.MemberId == me.Id).ToListAsync(cancellationToken)).Where(p => p.Month.Year == year).ToList();
        var member = await turn.Db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.Id == me.Id, cancellationToken);
        var rows = new List<DuesMineRow>();
        for (var month = new Period(Cadence.Monthly, year, 1); month.Start <= turn.Today && month.Year == year; month = month.Next())
            rows.Add(new DuesMineRow(month, DuesRules.Owes(member, month), DuesRules.RateFor(rates, me.Id, month), payments.FirstOrDefault(p => p.Month == month)));
        if (rows.All(r => !r.Owed && r.Payment is null)) return Reply.Say(turn.T("dues.mine.none"));
        return Reply.Show(DuesMineCard.Build(turn.Language, year, rows));
    }

    public async Task<Reply> PayAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var month = data.Period(DuesMonthCard.MonthField);
        var receipt = data.String(DuesMonthCard.ReceiptInput, DuesPayment.ReceiptMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!DuesRules.MayRecord(turn.Member)) return new Reply.Refused(turn.T("dues.error.notPermitted"));
        if (MonthRefusal(turn, month) is { } badMonth) return badMonth;
        var current = Period.Containing(Cadence.Monthly, turn.Today);

        var ledger = await DuesLedger.LoadAsync(turn.Db, month, cancellationToken);
        var chosen = new List<(Member Member, decimal Amount)>();
        var already = 0;
        foreach (var m in ledger.Members)
        {
            if (!data.Toggle(DuesMonthCard.PaidInput(m.Id))) continue;
            var name = Markdown.Escape(UserText.Clip(m.Name));
            // A toggle for someone not on this month's list (an activist, someone transferred out) is forged or stale.
            if (!DuesRules.MayPayFor(m, month, current)) return new Reply.Refused(turn.T("dues.error.doesNotOwe", name, Formats.Period(turn.Language, month)));
            if (ledger.Payments.ContainsKey(m.Id)) { already++; continue; }
            var text = data.String(DuesMonthCard.AmountInput(m.Id), DuesMonthCard.AmountMaxLength, required: false);
            if (data.Error is { } amountError) return Errors.Refuse(turn, amountError);
            text ??= DuesRules.RateFor(ledger.Rates, m.Id, month) is { } rate ? DuesTexts.Plain(rate) : null;
            if (text is null) return new Reply.Refused(turn.T("dues.error.noAmount", name));
            if (DuesAmount.TryParse(text, DuesAmount.MaxMonthly, out var amount) is { } problem) return new Reply.Refused(AmountRefusal(turn, name, problem, DuesAmount.MaxMonthly));
            chosen.Add((m, amount));
        }
        if (data.Error is { } toggleError) return Errors.Refuse(turn, toggleError);
        if (chosen.Count == 0)
            return already > 0 ? Reply.Say(turn.T("dues.pay.already", already)) : new Reply.Refused(turn.T("dues.error.noneChosen"));
        if (receipt is null) return new Reply.Refused(turn.T("dues.error.receiptNeeded"));

        foreach (var (m, amount) in chosen)
            turn.Db.DuesPayments.Add(new DuesPayment(m.Id, month, amount, receipt, turn.Today, turn.Member.Id, turn.Now));
        if (await SaveAsync(turn, cancellationToken) is { } conflict) return conflict;
        logger.LogInformation("Dues of {Month} recorded for {Count} members by member {MemberId}", month.Key, chosen.Count, turn.Member.Id);
        var said = turn.T("dues.pay.saved", chosen.Count, DuesTexts.Yuan(chosen.Sum(c => c.Amount)), Formats.Period(turn.Language, month))
            + (already > 0 ? turn.T("dues.pay.alreadyToo", already) : "");
        return new Reply.ReplaceCard(await MonthCardAsync(turn, month, cancellationToken), said);
    }

    public async Task<Reply> RateAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var month = data.Period(DuesMonthCard.MonthField);
        var person = data.Reference(DuesMonthCard.RatePersonInput);
        var amountText = data.String(DuesMonthCard.RateAmountInput, DuesMonthCard.AmountMaxLength);
        var from = data.Period(DuesMonthCard.RateFromInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!DuesRules.MayRecord(turn.Member)) return new Reply.Refused(turn.T("dues.error.notPermitted"));
        var current = Period.Containing(Cadence.Monthly, turn.Today);
        if (!RateMonths(current).Contains(from!) || month!.Cadence != Cadence.Monthly || OutOfRange(month, current))
            return new Reply.Refused(turn.T("dues.error.badRateMonth", Formats.Period(turn.Language, FirstMonth(current)), Formats.Period(turn.Language, current.Next())));
        if (!int.TryParse(person, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId)) return new Reply.Refused(turn.T("error.badChoice"));
        var member = await turn.Db.Members.AsNoTracking().WithStageHistory().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null) return new Reply.Refused(turn.T("error.forgedId"));
        var name = Markdown.Escape(UserText.Clip(member.Name));
        if (!MayHaveRate(member, turn.Today)) return new Reply.Refused(turn.T("dues.error.noRateForStage", name));
        if (DuesAmount.TryParse(amountText, DuesAmount.MaxMonthly, out var amount) is { } problem) return new Reply.Refused(AmountRefusal(turn, name, problem, DuesAmount.MaxMonthly));

        var existing = await turn.Db.DuesRates.FirstOrDefaultAsync(r => r.MemberId == memberId && r.FromMonth == from, cancellationToken);
        if (existing is not null) existing.Change(amount, turn.Member.Id, turn.Now);
        else turn.Db.DuesRates.Add(new DuesRate(memberId, from!, amount, turn.Member.Id, turn.Now));
        if (await SaveAsync(turn, cancellationToken) is { } conflict) return conflict;
        return new Reply.ReplaceCard(await MonthCardAsync(turn, month, cancellationToken),
            turn.T("dues.rate.saved", name, Formats.Period(turn.Language, from!), DuesTexts.Yuan(amount)));
    }

    public async Task<Reply> RemitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var month = data.Period(DuesMonthCard.MonthField);
        var amountText = data.String(DuesMonthCard.RemitAmountInput, DuesMonthCard.AmountMaxLength);
        var receipt = data.String(DuesMonthCard.RemitReceiptInput, DuesPayment.ReceiptMaxLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!DuesRules.MayRecord(turn.Member)) return new Reply.Refused(turn.T("dues.error.notPermitted"));
        if (MonthRefusal(turn, month) is { } badMonth) return badMonth;
        if (await turn.Db.DuesRemittances.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month, cancellationToken) is { } stored)
            return new Reply.Refused(turn.T("dues.error.alreadyRemitted", Formats.Period(turn.Language, month), DuesTexts.Remittance(turn.Language, stored)));
        if (DuesAmount.TryParse(amountText, DuesAmount.MaxRemittance, out var amount) is { } problem)
            return new Reply.Refused(AmountRefusal(turn, turn.T("dues.remit.amount"), problem, DuesAmount.MaxRemittance));

        turn.Db.DuesRemittances.Add(new DuesRemittance(month, amount, receipt!, turn.Today, turn.Member.Id, turn.Now));
        if (await SaveAsync(turn, cancellationToken) is { } conflict) return conflict;
        return new Reply.ReplaceCard(await MonthCardAsync(turn, month, cancellationToken),
            turn.T("dues.remit.saved", Formats.Period(turn.Language, month), DuesTexts.Yuan(amount)));
    }

    /// <summary>
    /// Corrects a recorded payment of the card's month: a new amount or receipt number, or withdrawn when it was recorded
    /// by mistake. Refused once the month is remitted (<see cref="DuesRules.MayCorrect"/>). The change is conditional
    /// on the payment being as it was read, so of two committee members correcting it at once the second is told.
    /// </summary>
    public async Task<Reply> CorrectAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var month = data.Period(DuesMonthCard.MonthField);
        var reference = data.Reference(DuesMonthCard.CorrectPaymentInput);
        var amountText = data.String(DuesMonthCard.CorrectAmountInput, DuesMonthCard.AmountMaxLength, required: false);
        var receipt = data.String(DuesMonthCard.CorrectReceiptInput, DuesPayment.ReceiptMaxLength, required: false);
        var withdraw = data.Toggle(DuesMonthCard.CorrectWithdrawInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!DuesRules.MayRecord(turn.Member)) return new Reply.Refused(turn.T("dues.error.notPermitted"));
        if (MonthRefusal(turn, month) is { } badMonth) return badMonth;
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var paymentId)) return new Reply.Refused(turn.T("error.forgedId"));
        var payment = await turn.Db.DuesPayments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId && p.Month == month, cancellationToken);
        if (payment is null) return new Reply.Refused(turn.T("error.forgedId"));
        var remittance = await turn.Db.DuesRemittances.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month, cancellationToken);
        if (!DuesRules.MayCorrect(turn.Member, remittance))
            return new Reply.Refused(turn.T("dues.correct.closed", Formats.Period(turn.Language, month), DuesTexts.Remittance(turn.Language, remittance)));
        var name = Markdown.Escape(UserText.Clip(await turn.Db.Members.AsNoTracking().Where(m => m.Id == payment.MemberId).Select(m => m.Name).FirstAsync(cancellationToken)));
        var what = Formats.Period(turn.Language, month);

        // As read: the same receipt and the same recording (who, when), so that a correction made meanwhile is not overwritten.
        var asRead = turn.Db.DuesPayments.Where(p => p.Id == payment.Id && p.Receipt == payment.Receipt && p.RecordedById == payment.RecordedById && p.RecordedAt == payment.RecordedAt);
        if (withdraw)
        {
            if (amountText is not null || receipt is not null) return new Reply.Refused(turn.T("dues.correct.withdrawOrChange"));
            if (await asRead.ExecuteDeleteAsync(cancellationToken) == 0) return new Reply.Refused(turn.T("dues.correct.changedMeanwhile", name));
            logger.LogInformation("Dues payment {PaymentId} of member {MemberId} for {Month} withdrawn by member {By}", payment.Id, payment.MemberId, month.Key, turn.Member.Id);
            return new Reply.ReplaceCard(await MonthCardAsync(turn, month, cancellationToken), turn.T("dues.correct.withdrawn", name, what, DuesTexts.Yuan(payment.Amount)));
        }

        if (amountText is null && receipt is null) return new Reply.Refused(turn.T("dues.correct.nothing"));
        var amount = payment.Amount;
        if (amountText is not null && DuesAmount.TryParse(amountText, DuesAmount.MaxMonthly, out amount) is { } problem)
            return new Reply.Refused(AmountRefusal(turn, name, problem, DuesAmount.MaxMonthly));
        var newReceipt = receipt ?? payment.Receipt;
        if (amount == payment.Amount && newReceipt == payment.Receipt) return new Reply.Refused(turn.T("dues.correct.same", name));
        var changed = await asRead.ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Amount, amount)
            .SetProperty(p => p.Receipt, newReceipt)
            .SetProperty(p => p.RecordedById, turn.Member.Id)
            .SetProperty(p => p.RecordedAt, turn.Now), cancellationToken);
        if (changed == 0) return new Reply.Refused(turn.T("dues.correct.changedMeanwhile", name));
        logger.LogInformation("Dues payment {PaymentId} of member {MemberId} for {Month} corrected by member {By}", payment.Id, payment.MemberId, month.Key, turn.Member.Id);
        return new Reply.ReplaceCard(await MonthCardAsync(turn, month, cancellationToken),
            turn.T("dues.correct.saved", name, what, DuesTexts.Yuan(amount), Markdown.Escape(UserText.Clip(newReceipt, DuesPayment.ReceiptMaxLength))));
    }

    /// <summary>The month's ledger as xlsx and CSV links, made and checked again at download by the yearly export's <see cref="DownloadLinks"/>.</summary>
    public Task<Reply> ExportAsync(Turn turn, CardData data, CancellationToken cancellationToken) => Task.FromResult(Export(turn, data));

    private Reply Export(Turn turn, CardData data)
    {
        var month = data.Period(DuesMonthCard.MonthField);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!DuesRules.MayRecord(turn.Member) || !ExportRules.MayExport(turn.Member, null)) return new Reply.Refused(turn.T("dues.error.notPermitted"));
        if (MonthRefusal(turn, month) is { } badMonth) return badMonth;
        var expiresAt = turn.Now + links.Lifetime;
        Uri? Link(ExportFormat format) =>
            links.LinkFor(links.Protect(new DownloadTicket(turn.Member.Id, month.Year, format, null, turn.Language, expiresAt) { DuesMonth = month.Number }));
        if (Link(ExportFormat.Xlsx) is not { } xlsx || Link(ExportFormat.Csv) is not { } csv) return new Reply.Refused(turn.T("export.error.noPublicAddress"));
        return Reply.Show(DuesLinksCard.Build(turn.Language, month, Formats.DateTime(turn.Language, turn.Branch.LocalTime(expiresAt)), xlsx, csv));
    }

    private static async Task<AdaptiveCard> MonthCardAsync(Turn turn, Period month, CancellationToken cancellationToken)
    {
        var ledger = await DuesLedger.LoadAsync(turn.Db, month, cancellationToken);
        var candidates = ledger.Members.Where(m => MayHaveRate(m, turn.Today)).Select(m => new DuesPerson(m.Id, m.Name, m.StudentNumber)).ToList();
        var view = new DuesMonthView(month, ledger.Rows(month), ledger.Figures(month), ledger.Remittance, candidates, RateMonths(Period.Containing(Cadence.Monthly, turn.Today)));
        return DuesMonthCard.Build(turn.Language, view, ReportFlow.NewCardId());
    }

    /// <summary>The refusal of a month that may not be recorded (not monthly, after this month or before January of last year); null when it may.
    /// The card's month is required, so it is set once the card data had no error.</summary>
    private static Reply.Refused? MonthRefusal(Turn turn, [System.Diagnostics.CodeAnalysis.NotNull] Period? month)
    {
        ArgumentNullException.ThrowIfNull(month);
        var current = Period.Containing(Cadence.Monthly, turn.Today);
        return OutOfRange(month, current)
            ? new Reply.Refused(turn.T("dues.error.badMonth", Formats.Period(turn.Language, FirstMonth(current)), Formats.Period(turn.Language, current)))
            : null;
    }

    /// <summary>A rate is set for a probationary or full member on the roster now.</summary>
    private static bool MayHaveRate(Member member, DateOnly today) => member.Stage is Stage.Probationary or Stage.Full && member.IsActiveOn(today);

    /// <summary>Months that may be recorded: from January of last year to this month.</summary>
    private static Period FirstMonth(Period current) => new(Cadence.Monthly, current.Year - 1, 1);

    private static bool OutOfRange(Period month, Period current) =>
        month.Cadence != Cadence.Monthly || month.CompareTo(current) > 0 || month.CompareTo(FirstMonth(current)) < 0;

    /// <summary>A rate may start from any month from January of last year to next month.</summary>
    private static IReadOnlyList<Period> RateMonths(Period current)
    {
        var months = new List<Period>();
        for (var m = current.Next(); m.CompareTo(FirstMonth(current)) >= 0 && months.Count < 24; m = m.Previous()) months.Add(m);
        return months;
    }

    private static string AmountRefusal(Turn turn, string what, AmountProblem problem, decimal max) =>
        turn.T("dues.amount." + problem, what, DuesTexts.Yuan(max));

    private async Task<Reply?> SaveAsync(Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A double click or a second committee member at the same moment: the first stands.
            logger.LogInformation(e, "A concurrent dues record was refused.");
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("error.duplicate"));
        }
    }
}
