using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reports;

public sealed record Receipt(ObligationKind Kind, Period Period, DateOnly SubmittedOn, int WordCount, int Version, DateOnly? LateAfter);

/// <summary>Replaces an answered report form: what was received, for which period, how long.</summary>
public static class ReceiptCard
{
    public static AdaptiveCard Build(Language language, Receipt receipt)
    {
        var t = Texts.Default;
        var kind = Formats.Kind(language, receipt.Kind);
        var period = Formats.Period(language, receipt.Period);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "receipt.title", kind, period)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium, Color = TextColor.Good },
            TextBlock.Trusted(t.Get(language, "receipt.thanks")),
            new FactSet(
            [
                Fact.Trusted(t.Get(language, "fact.submittedOn"), Formats.Date(language, receipt.SubmittedOn)),
                Fact.Trusted(t.Get(language, "fact.period"), period),
                Fact.Trusted(t.Get(language, "fact.length"), Formats.WordCount(language, receipt.WordCount)),
            ]),
        };
        if (receipt.LateAfter is { } deadline)
            body.Add(TextBlock.Trusted(t.Get(language, "receipt.late", Formats.Date(language, deadline))) with { Color = TextColor.Warning });
        if (receipt.Version > 1)
            body.Add(TextBlock.Trusted(t.Get(language, "receipt.revised", receipt.Version)) with { IsSubtle = true });
        return new AdaptiveCard(body);
    }
}
