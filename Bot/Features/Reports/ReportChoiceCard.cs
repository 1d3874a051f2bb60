using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reports;

public sealed record ReportChoice(ObligationKind Kind, Period Period, DateOnly DueDate);

/// <summary>More than one kind of report is open (a probationary member's monthly and quarterly): one button per report.</summary>
public static class ReportChoiceCard
{
    public static AdaptiveCard Build(Language language, IReadOnlyList<ReportChoice> choices)
    {
        var t = Texts.Default;
        var actions = choices
            .Select(c => (CardAction)new ActionSubmit(
                t.Get(language, "report.choice.item", Formats.Kind(language, c.Kind), Formats.Period(language, c.Period), Formats.Date(language, c.DueDate)),
                CardActionData.For(Verbs.ReportForm)
                    .With(ReportFormCard.KindField, c.Kind.ToString())
                    .With(ReportFormCard.PeriodField, c.Period.Key)))
            .ToList();
        return new AdaptiveCard([TextBlock.Trusted(t.Get(language, "report.choice.title")) with { Weight = TextWeight.Bolder }], actions);
    }
}
