using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Pipeline;

namespace BranchBot.Bot.Features.Pipeline;

/// <param name="StageSince">The development-target stage defended: a card for an older stage is refused as stale.</param>
/// <param name="Own">The speaker's marks so far, prefilled so that re-scoring starts from them.</param>
public sealed record DefenceView(NamedPerson Person, DateOnly StageSince, DefenceResult SoFar, DefenceMarks? Own);

/// <summary>A committee member present at the public defence enters their two marks (schema 1.2).</summary>
public static class DefenceCard
{
    public const string DefenceInput = "defenceMark";
    public const string DailyWorkInput = "dailyWorkMark";

    public static AdaptiveCard Build(Language language, DefenceView view, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var name = Markdown.Escape(UserText.Clip(view.Person.Name));
        var data = CardActionData.For(Verbs.PipelineDefenceScore, cardId)
            .With(DevelopmentCard.SubjectField, view.Person.MemberId)
            .With(DevelopmentCard.SinceField, view.StageSince);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "pipeline.defence.title", name)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(t.Get(language, "pipeline.defence.formula", DefenceScoring.MinScorers, Number(DefenceScoring.PassMark))) with { IsSubtle = true },
                TextBlock.Trusted(SoFar(language, view.SoFar)),
                MarkInput(DefenceInput, "pipeline.defence.defenceMark", view.Own?.Defence),
                MarkInput(DailyWorkInput, "pipeline.defence.dailyWorkMark", view.Own?.DailyWork),
            ],
            [new ActionSubmit(Label("pipeline.defence.save"), data) { Style = ActionStyle.Positive }]);

        InputText MarkInput(string id, string label, int? value) => new(id)
        {
            Label = Label(label),
            Placeholder = "0–100",
            MaxLength = 3,
            Value = value?.ToString(CultureInfo.InvariantCulture),
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label(label)),
        };
    }

    /// <summary>"n scored, average a": what the committee sees of a defence, never who gave which marks.</summary>
    public static string SoFar(Language language, DefenceResult result) => result.Scorers == 0
        ? Texts.Default.Get(language, "pipeline.defence.none")
        : Texts.Default.Get(language, "pipeline.defence.sofar", result.Scorers, Average(result.Average));

    public static string Average(decimal average) => average.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
