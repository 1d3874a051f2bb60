using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Dues;

namespace BranchBot.Bot.Features.Dues;

/// <summary>One member who owes the month: the rate that applies (null: none set) and the payment, if recorded.</summary>
public sealed record DuesRow(int MemberId, string Name, string StudentNumber, decimal? Rate, DuesPayment? Payment);

/// <summary>A person the committee may set a rate for (a probationary or full member now).</summary>
public sealed record DuesPerson(int MemberId, string Name, string StudentNumber);

/// <summary>What the committee's month card shows: who owes, who paid, the totals and the remittance.</summary>
public sealed record DuesMonthView(Period Month, IReadOnlyList<DuesRow> Rows, DuesMonth Figures, DuesRemittance? Remittance, IReadOnlyList<DuesPerson> RateCandidates,
    IReadOnlyList<Period> RateMonths);

/// <summary>One month of a member's own year: owed or not, the rate, the payment.</summary>
public sealed record DuesMineRow(Period Month, bool Owed, decimal? Rate, DuesPayment? Payment);

public static class DuesTexts
{
    /// <summary>Yuan with fen, the same in every language: ¥0.50.</summary>
    public static string Yuan(decimal amount) => "¥" + amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The amount as typed into a card: 0.50.</summary>
    public static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Remittance(Language language, DuesRemittance? remittance) => remittance is null
        ? Texts.Default.Get(language, "dues.remit.none")
        : Texts.Default.Get(language, "dues.remit.done", Yuan(remittance.Amount), Markdown.Escape(UserText.Clip(remittance.Receipt, DuesPayment.ReceiptMaxLength)),
            Formats.Date(language, remittance.RemittedOn));

    public static string Collection(Language language, DuesMonth m) =>
        Texts.Default.Get(language, "dues.month.collection", m.Paid, m.Owing, Yuan(m.Collected), Yuan(m.Expected));
}

/// <summary>
/// The committee's card for one month: the members who owe it (a toggle and an amount, defaulting to the rate, for
/// each unpaid one; one receipt number for those marked), then setting a rate, the remittance upward and the
/// month's ledger export. Schema 1.2 elements only; the forms open in place (Action.ShowCard).
/// </summary>
public static class DuesMonthCard
{
    public const string MonthField = "duesMonth";
    public const string PaidPrefix = "duesPaid_";
    public const string AmountPrefix = "duesAmount_";
    public const string ReceiptInput = "duesReceipt";
    public const string RatePersonInput = "duesRatePerson";
    public const string RateAmountInput = "duesRateAmount";
    public const string RateFromInput = "duesRateFrom";
    public const string RemitAmountInput = "duesRemitAmount";
    public const string RemitReceiptInput = "duesRemitReceipt";
    public const string CorrectPaymentInput = "duesCorrectPayment";
    public const string CorrectAmountInput = "duesCorrectAmount";
    public const string CorrectReceiptInput = "duesCorrectReceipt";
    public const string CorrectWithdrawInput = "duesCorrectWithdraw";
    /// <summary>Longest amount read from a card (characters).</summary>
    public const int AmountMaxLength = 20;
    /// <summary>Unpaid rows offered on one card; the rest after those are recorded.</summary>
    public const int MaxRows = 40;

    public static string PaidInput(int memberId) => PaidPrefix + memberId.ToString(CultureInfo.InvariantCulture);
    public static string AmountInput(int memberId) => AmountPrefix + memberId.ToString(CultureInfo.InvariantCulture);

    public static AdaptiveCard Build(Language language, DuesMonthView view, string cardId)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        CardActionData Data(string verb) => CardActionData.For(verb, cardId).With(MonthField, view.Month.Key);
        var month = Formats.Period(language, view.Month);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "dues.month.title", month)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet(
            [
                Fact.Trusted(L("dues.month.collected"), DuesTexts.Collection(language, view.Figures)),
                Fact.Trusted(L("dues.month.remitted"), DuesTexts.Remittance(language, view.Remittance)),
            ]),
        };
        if (view.Figures.WithoutRate.Count > 0)
            body.Add(TextBlock.Trusted(t.Get(language, "dues.month.withoutRate", view.Figures.WithoutRate.Count)) with { IsSubtle = true });

        var paid = view.Rows.Where(r => r.Payment is not null).ToList();
        if (paid.Count > 0)
            body.Add(new FactSet([.. paid.Select(r => Fact.Trusted(Name(r.Name),
                t.Get(language, "dues.month.paidRow", DuesTexts.Yuan(r.Payment!.Amount), Markdown.Escape(UserText.Clip(r.Payment.Receipt, DuesPayment.ReceiptMaxLength)))))]));

        // A payment recorded with a wrong amount or receipt, or ticked by mistake, is corrected here until the month is
        // remitted: beside the paid list, in the body (Teams shows at most five card actions).
        if (view.Remittance is null && paid.Count > 0)
            body.Add(new ActionSet([new ActionShowCard(L("dues.correct.title"), new ShowCardContent(
                [
                    new InputChoiceSet(CorrectPaymentInput, [.. paid.Select(r => new Choice(UserText.Clip(r.Name) + " · " + DuesTexts.Yuan(r.Payment!.Amount) + " · " + UserText.Clip(r.Payment.Receipt, DuesPayment.ReceiptMaxLength),
                            r.Payment.Id.ToString(CultureInfo.InvariantCulture)))])
                        { Label = L("dues.correct.payment"), Style = ChoiceStyle.Compact, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("dues.correct.payment")) },
                    new InputText(CorrectAmountInput) { Label = L("dues.correct.amount"), Placeholder = "0.50", MaxLength = AmountMaxLength },
                    new InputText(CorrectReceiptInput) { Label = L("dues.correct.receipt"), MaxLength = DuesPayment.ReceiptMaxLength },
                    new InputToggle(CorrectWithdrawInput, L("dues.correct.withdraw")) { Value = "false", ValueOn = "true", ValueOff = "false" },
                ],
                [new ActionSubmit(L("dues.correct.save"), Data(Verbs.DuesCorrect))]))]));

        var unpaid = view.Rows.Where(r => r.Payment is null).ToList();
        var actions = new List<CardAction>();
        if (unpaid.Count > 0)
        {
            body.Add(TextBlock.Trusted(t.Get(language, "dues.month.unpaidTitle", unpaid.Count)) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true });
            foreach (var r in unpaid.Take(MaxRows))
            {
                var rate = r.Rate is { } x ? DuesTexts.Yuan(x) : L("dues.month.noRate");
                body.Add(new ColumnSet(
                [
                    new Column([new InputToggle(PaidInput(r.MemberId), UserText.Clip(r.Name) + " · " + rate) { Value = "false", ValueOn = "true", ValueOff = "false" }]) { Width = "3" },
                    new Column([new InputText(AmountInput(r.MemberId)) { Value = r.Rate is { } v ? DuesTexts.Plain(v) : null, Placeholder = L("dues.month.amount"), MaxLength = AmountMaxLength }]) { Width = "2" },
                ]));
            }
            if (unpaid.Count > MaxRows) body.Add(TextBlock.Trusted(t.Get(language, "dues.month.more", unpaid.Count - MaxRows)) with { IsSubtle = true });
            body.Add(new InputText(ReceiptInput) { Label = L("dues.month.receipt"), MaxLength = DuesPayment.ReceiptMaxLength });
            actions.Add(new ActionSubmit(L("dues.month.record"), Data(Verbs.DuesPay)) { Style = ActionStyle.Positive });
        }
        else if (view.Rows.Count > 0)
            body.Add(TextBlock.Trusted(L("dues.month.allPaid")) with { Spacing = Spacing.Medium });
        else
            body.Add(TextBlock.Trusted(L("dues.month.nobody")) with { Spacing = Spacing.Medium });

        if (view.RateCandidates.Count > 0)
            actions.Add(new ActionShowCard(L("dues.rate.title"), new ShowCardContent(
                [
                    new InputChoiceSet(RatePersonInput, [.. view.RateCandidates.Select(p => new Choice(UserText.Clip(p.Name) + " · " + UserText.Clip(p.StudentNumber), p.MemberId.ToString(CultureInfo.InvariantCulture)))])
                        { Label = L("dues.rate.person"), Style = ChoiceStyle.Compact, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("dues.rate.person")) },
                    new InputText(RateAmountInput) { Label = L("dues.rate.amount"), Placeholder = "0.50", MaxLength = AmountMaxLength, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("dues.rate.amount")) },
                    new InputChoiceSet(RateFromInput, [.. view.RateMonths.Select(m => new Choice(Formats.Period(language, m), m.Key))])
                        { Label = L("dues.rate.from"), Style = ChoiceStyle.Compact, Value = view.Month.Key, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("dues.rate.from")) },
                ],
                [new ActionSubmit(L("dues.rate.save"), Data(Verbs.DuesRate)) { Style = ActionStyle.Positive }])));

        if (view.Remittance is null && view.Figures.Collected > 0)
            actions.Add(new ActionShowCard(L("dues.remit.title"), new ShowCardContent(
                [
                    new InputText(RemitAmountInput) { Label = L("dues.remit.amount"), Value = DuesTexts.Plain(view.Figures.Collected), MaxLength = AmountMaxLength, IsRequired = true,
                        ErrorMessage = t.Get(language, "error.missingField", L("dues.remit.amount")) },
                    new InputText(RemitReceiptInput) { Label = L("dues.remit.receipt"), MaxLength = DuesPayment.ReceiptMaxLength, IsRequired = true,
                        ErrorMessage = t.Get(language, "error.missingField", L("dues.remit.receipt")) },
                ],
                [new ActionSubmit(L("dues.remit.save"), Data(Verbs.DuesRemit)) { Style = ActionStyle.Positive }])));

        actions.Add(new ActionSubmit(L("dues.export.button"), Data(Verbs.DuesExport)));
        actions.Add(new ActionSubmit(L("dues.mine.button"), CardActionData.For(Verbs.DuesMine)));
        return new AdaptiveCard(body, actions);
    }

    private static string Name(string name) => Markdown.Escape(UserText.Clip(name));
}

/// <summary>A member's own year: each month owed (or paid) with the amount, and the totals.</summary>
public static class DuesMineCard
{
    public static AdaptiveCard Build(Language language, int year, IReadOnlyList<DuesMineRow> rows)
    {
        var t = Texts.Default;
        var facts = rows.Where(r => r.Owed || r.Payment is not null).Select(r => Fact.Trusted(Formats.Period(language, r.Month), r.Payment is { } p
            ? t.Get(language, "dues.mine.paid", DuesTexts.Yuan(p.Amount), Markdown.Escape(UserText.Clip(p.Receipt, DuesPayment.ReceiptMaxLength)), Formats.Date(language, p.PaidOn))
            : r.Rate is { } rate ? t.Get(language, "dues.mine.unpaid", DuesTexts.Yuan(rate)) : t.Get(language, "dues.mine.unpaidNoRate"))).ToList();
        var paid = rows.Where(r => r.Payment is not null).ToList();
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "dues.mine.title", year)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        if (facts.Count > 0) body.Add(new FactSet(facts));
        body.Add(TextBlock.Trusted(t.Get(language, "dues.mine.total", paid.Count, DuesTexts.Yuan(paid.Sum(r => r.Payment!.Amount)), rows.Count(r => r.Owed && r.Payment is null)))
            with { Spacing = Spacing.Medium });
        return new AdaptiveCard(body);
    }
}

/// <summary>The monthly reminder to a member who has not paid the month.</summary>
public static class DuesReminderCard
{
    public static AdaptiveCard Build(Language language, Period month, decimal? rate)
    {
        var t = Texts.Default;
        return new AdaptiveCard(
        [
            TextBlock.Trusted(t.Get(language, "dues.reminder.title", Formats.Period(language, month))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(rate is { } r ? t.Get(language, "dues.reminder.body", DuesTexts.Yuan(r)) : t.Get(language, "dues.reminder.bodyNoRate")),
        ]);
    }
}

/// <summary>The month's ledger as two download links (xlsx and CSV), made by the export's own links.</summary>
public static class DuesLinksCard
{
    public static AdaptiveCard Build(Language language, Period month, string expires, Uri xlsx, Uri csv)
    {
        var t = Texts.Default;
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "dues.export.ready", Formats.Period(language, month))) with { Weight = TextWeight.Bolder },
                TextBlock.Trusted(t.Get(language, "dues.export.expires", expires)) with { IsSubtle = true },
            ],
            [new ActionOpenUrl(t.Get(language, "dues.export.xlsx"), xlsx), new ActionOpenUrl(t.Get(language, "dues.export.csv"), csv)]);
    }
}
