using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reports;

public sealed record ExtensionRequestView(long ExtensionId, string RequesterName, ObligationKind Kind, Period Period, DateOnly CurrentDueDate, DateOnly RequestedUntil, string Reason);

/// <summary>Sent to the group leader: approve or decline a request for more time in one tap.</summary>
public static class ExtensionDecisionCard
{
    public const string ExtensionField = "extension";
    public const string DecisionField = "decision";

    public static AdaptiveCard Build(Language language, ExtensionRequestView request, string cardId)
    {
        var t = Texts.Default;
        var kind = Formats.Kind(language, request.Kind);
        var period = Formats.Period(language, request.Period);
        CardActionData Data(string decision) => CardActionData.For(Verbs.ExtensionDecide, cardId)
            .With(ExtensionField, request.ExtensionId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With(DecisionField, decision);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "extension.approve.title", Markdown.Escape(UserText.Clip(request.RequesterName)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet(
                [
                    Fact.Trusted(t.Get(language, "fact.kind"), kind),
                    Fact.Trusted(t.Get(language, "fact.period"), period),
                    Fact.Trusted(t.Get(language, "fact.deadline"), Formats.Date(language, request.CurrentDueDate)),
                    Fact.Trusted(t.Get(language, "extension.approve.newDeadlineLabel"), Formats.Date(language, request.RequestedUntil)),
                    Fact.User(t.Get(language, "fact.reason"), UserText.Clip(request.Reason, CardLimits.ReasonMaxLength)),
                ]),
            ],
            [
                new ActionSubmit(t.Get(language, "extension.approve.approve"), Data("approve")) { Style = ActionStyle.Positive },
                new ActionSubmit(t.Get(language, "extension.approve.decline"), Data("decline")),
            ]);
    }

    public static AdaptiveCard Decided(Language language, string text) =>
        new([TextBlock.Trusted(UserText.Clip(text, 400)) with { Weight = TextWeight.Bolder }]);
}
