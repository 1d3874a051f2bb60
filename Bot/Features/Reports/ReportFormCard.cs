using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reports;

/// <summary>What the report form needs. <paramref name="CardId"/> lets the handler spot a replayed or double-clicked card.</summary>
public sealed record ReportForm(ObligationKind Kind, Period Period, DateOnly Deadline, string CardId, int MinWords, string? Draft = null);

/// <summary>Write a report in the card (1.2: students answer on the phone), or ask for more time.</summary>
public static class ReportFormCard
{
    public const string TextInput = "text";
    public const string ReasonInput = "reason";
    public const string PeriodField = "period";
    public const string KindField = "kind";

    public static AdaptiveCard Build(Language language, ReportForm form)
    {
        var t = Texts.Default;
        var kind = Formats.Kind(language, form.Kind);
        var period = Formats.Period(language, form.Period);
        var label = t.Get(language, "report.form.label");

        var submitData = CardActionData.For(Verbs.ReportSubmit, form.CardId)
            .With(PeriodField, form.Period.Key)
            .With(KindField, form.Kind.ToString());
        var extensionData = CardActionData.For(Verbs.ExtensionRequest, form.CardId)
            .With(PeriodField, form.Period.Key)
            .With(KindField, form.Kind.ToString());
        var reasonLabel = t.Get(language, "extension.request.reasonLabel");

        return new AdaptiveCard(
            body:
            [
                TextBlock.Trusted(t.Get(language, "report.form.title", kind, period)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet(
                [
                    Fact.Trusted(t.Get(language, "fact.kind"), kind),
                    Fact.Trusted(t.Get(language, "fact.period"), period),
                    Fact.Trusted(t.Get(language, "fact.deadline"), Formats.DateWithWeekday(language, form.Deadline)),
                ]),
                TextBlock.Trusted(t.Get(language, "report.form.lengthHint", form.MinWords, CardLimits.ReportMaxLength.ToString("N0", language.Culture()))) with { IsSubtle = true, Size = TextSize.Small },
                new InputText(TextInput)
                {
                    Label = label,
                    Placeholder = t.Get(language, "report.form.placeholder"),
                    IsMultiline = true,
                    MaxLength = CardLimits.ReportMaxLength,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", label),
                    Value = form.Draft,
                },
            ],
            actions:
            [
                new ActionSubmit(t.Get(language, "report.form.submit"), submitData) { Style = ActionStyle.Positive },
                new ActionShowCard(t.Get(language, "report.form.askForTime"), new ShowCardContent(
                    [
                        new InputText(ReasonInput)
                        {
                            Label = reasonLabel,
                            Placeholder = t.Get(language, "extension.request.reasonPlaceholder"),
                            MaxLength = CardLimits.ReasonMaxLength,
                            IsRequired = true,
                            ErrorMessage = t.Get(language, "error.missingField", reasonLabel),
                        },
                    ],
                    [new ActionSubmit(t.Get(language, "extension.request.submit"), extensionData)])),
            ]);
    }
}
