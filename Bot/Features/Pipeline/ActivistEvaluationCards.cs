using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>An activist evaluation's result as the card offers it.</summary>
public enum EvaluationChoice
{
    Passed,
    NeedsImprovement,
}

/// <summary>The committee records an activist's quarterly evaluation (考察鉴定): pass, or needs improvement with what to fix (schema 1.2).</summary>
public static class ActivistEvaluationCard
{
    public const string QuarterInput = "evaluationQuarter";
    public const string ResultInput = "evaluationResult";
    public const string NotesInput = "evaluationNotes";

    /// <param name="quarters">The quarters still open for this activist, latest first (at least one).</param>
    /// <param name="lastFailed">The latest evaluation of the stage needed improvement: its notes, shown so the committee can judge progress.</param>
    public static AdaptiveCard Build(Language language, NamedPerson activist, DateOnly since, IReadOnlyList<Period> quarters, string? lastFailed, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var data = CardActionData.For(Verbs.ActivistEvaluateSubmit, cardId)
            .With(DevelopmentCard.SubjectField, activist.MemberId)
            .With(DevelopmentCard.SinceField, since);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "activistEval.title", Markdown.Escape(UserText.Clip(activist.Name)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet([Fact.Trusted(Label("pipeline.fact.activistSince"), Formats.Date(language, since))]),
        };
        if (lastFailed is not null)
        {
            body.Add(TextBlock.Trusted(Label("activistEval.lastFailed")) with { IsSubtle = true, Spacing = Spacing.Small });
            body.Add(TextBlock.User(UserText.Clip(lastFailed, ActivistEvaluationRules.MaxNotesLength)) with { Spacing = Spacing.None });
        }
        body.Add(new InputChoiceSet(QuarterInput, [.. quarters.Select(q => new Choice(Formats.Period(language, q), q.Key))])
        {
            Label = Label("activistEval.quarter"),
            Style = ChoiceStyle.Compact,
            Value = quarters[0].Key,
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label("activistEval.quarter")),
        });
        body.Add(new InputChoiceSet(ResultInput,
        [
            new Choice(Label("activistEval.passed"), nameof(EvaluationChoice.Passed)),
            new Choice(Label("activistEval.needsImprovement"), nameof(EvaluationChoice.NeedsImprovement)),
        ])
        {
            Label = Label("activistEval.result"),
            Style = ChoiceStyle.Expanded,
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label("activistEval.result")),
        });
        body.Add(new InputText(NotesInput) { Label = Label("activistEval.notes"), IsMultiline = true, MaxLength = ActivistEvaluationRules.MaxNotesLength });
        body.Add(TextBlock.Trusted(Label("activistEval.hint")) with { IsSubtle = true, Size = TextSize.Small });
        return new AdaptiveCard(body, [new ActionSubmit(Label("activistEval.save"), data) { Style = ActionStyle.Positive }]);
    }
}

/// <summary>The committee stops an activist's cultivation (停止培养), with the reason (schema 1.2).</summary>
public static class StopCard
{
    public const string DecidedOnInput = "stopDecidedOn";
    public const string ReasonInput = "stopReason";
    public const int ReasonMaxLength = 500;

    public static AdaptiveCard Build(Language language, NamedPerson activist, DateOnly since, IReadOnlyList<(Period Quarter, string Notes)> failures, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var data = CardActionData.For(Verbs.ActivistStopSubmit, cardId)
            .With(DevelopmentCard.SubjectField, activist.MemberId)
            .With(DevelopmentCard.SinceField, since);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "activistStop.title", Markdown.Escape(UserText.Clip(activist.Name)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(Label("activistStop.failures")),
        };
        foreach (var (quarter, notes) in failures)
            body.Add(new FactSet([Fact.User(Formats.Period(language, quarter), UserText.Clip(notes, ActivistEvaluationRules.MaxNotesLength))]) { Spacing = Spacing.Small });
        body.Add(new InputDate(DecidedOnInput)
        {
            Label = Label("activistStop.decidedOn"),
            Value = today,
            Min = since,
            Max = today,
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label("activistStop.decidedOn")),
        });
        body.Add(new InputText(ReasonInput)
        {
            Label = Label("activistStop.reason"),
            IsMultiline = true,
            MaxLength = ReasonMaxLength,
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label("activistStop.reason")),
        });
        body.Add(TextBlock.Trusted(Label("activistStop.hint")) with { IsSubtle = true, Size = TextSize.Small });
        return new AdaptiveCard(body, [new ActionSubmit(Label("activistStop.save"), data) { Style = ActionStyle.Destructive }]);
    }
}
