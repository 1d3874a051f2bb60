using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Dues;

/// <summary>党费: the committee's month (payments, rates, the remittance, the month's ledger) and each member's own year.</summary>
public sealed class DuesFeature : Feature
{
    public override string Name => "dues";

    public DuesFeature()
    {
        Verb<DuesFlow>(Verbs.DuesPay, (flow, turn, data, ct) => flow.PayAsync(turn, data, ct));
        Verb<DuesFlow>(Verbs.DuesRate, (flow, turn, data, ct) => flow.RateAsync(turn, data, ct));
        Verb<DuesFlow>(Verbs.DuesRemit, (flow, turn, data, ct) => flow.RemitAsync(turn, data, ct));
        Verb<DuesFlow>(Verbs.DuesCorrect, (flow, turn, data, ct) => flow.CorrectAsync(turn, data, ct));
        Verb<DuesFlow>(Verbs.DuesExport, (flow, turn, data, ct) => flow.ExportAsync(turn, data, ct));
        Verb<DuesFlow>(Verbs.DuesMine, (flow, turn, data, ct) => flow.MineFromCardAsync(turn, data, ct));

        // The manifest's list is full (12): answered and named in the help card, not offered as you type.
        Typed<DuesFlow>(Command.Dues, ["dues", "party dues"], ["党费"], ["黨費"], (flow, turn, ct) => flow.ShowAsync(turn, ct), takesArgument: true, listed: false);

        LabelPrefix(DuesMonthCard.PaidPrefix, "dues.month.paidLabel");
        LabelPrefix(DuesMonthCard.AmountPrefix, "dues.month.amount");
        Label(DuesMonthCard.ReceiptInput, "dues.month.receipt");
        Label(DuesMonthCard.RatePersonInput, "dues.rate.person");
        Label(DuesMonthCard.RateAmountInput, "dues.rate.amount");
        Label(DuesMonthCard.RateFromInput, "dues.rate.from");
        Label(DuesMonthCard.RemitAmountInput, "dues.remit.amount");
        Label(DuesMonthCard.RemitReceiptInput, "dues.remit.receipt");
        Label(DuesMonthCard.CorrectPaymentInput, "dues.correct.payment");
        Label(DuesMonthCard.CorrectAmountInput, "dues.correct.amount");
        Label(DuesMonthCard.CorrectReceiptInput, "dues.correct.receipt");
        Label(DuesMonthCard.CorrectWithdrawInput, "dues.correct.withdraw");
    }
}
