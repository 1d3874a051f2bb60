using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Pipeline;

/// <param name="ActivistSince">The activist stage the card was built for: a card for an older stage is refused as stale.</param>
public sealed record DevelopmentView(NamedPerson Person, string GroupName, DateOnly ActivistSince, bool NoEvaluationYet);

/// <summary>The committee confirms an activist as a development target and names two introducers (schema 1.2).</summary>
public static class DevelopmentCard
{
    public const string SubjectField = "subject";
    public const string SinceField = "since";
    public const string OpinionsInput = "opinionsHeard";
    public const string DecidedOnInput = "decidedOn";
    public const string FiledOnInput = "filedOn";
    public const string Introducer1Input = "introducer1";
    public const string Introducer2Input = "introducer2";

    public static AdaptiveCard Build(Language language, DevelopmentView view, IReadOnlyList<NamedPerson> fullMembers, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var names = PersonNames.Distinct(language, fullMembers.Append(view.Person));
        var choices = fullMembers.Select(p => new Choice(names[p.MemberId], p.MemberId.ToString(CultureInfo.InvariantCulture))).ToList();
        var data = CardActionData.For(Verbs.PipelineDevelopSubmit, cardId)
            .With(SubjectField, view.Person.MemberId)
            .With(SinceField, view.ActivistSince);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "pipeline.develop.title", Markdown.Escape(names[view.Person.MemberId]))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet(
                [
                    Fact.User(Label("fact.group"), UserText.Clip(view.GroupName)),
                    Fact.Trusted(Label("pipeline.fact.activistSince"), Formats.Date(language, view.ActivistSince)),
                    Fact.Trusted(Label("pipeline.fact.evaluations"), Label(view.NoEvaluationYet ? "pipeline.evaluations.none" : "pipeline.evaluations.passed")),
                ]),
                new InputToggle(OpinionsInput, Label("pipeline.develop.opinions")) { ValueOn = "true", ValueOff = "false", Value = "false" },
                DateInput(DecidedOnInput, "pipeline.develop.decidedOn"),
                DateInput(FiledOnInput, "pipeline.develop.filedOn"),
                IntroducerInput(Introducer1Input, "pipeline.develop.introducer1"),
                IntroducerInput(Introducer2Input, "pipeline.develop.introducer2"),
                TextBlock.Trusted(Label("pipeline.develop.hint")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("pipeline.develop.save"), data) { Style = ActionStyle.Positive }]);

        InputDate DateInput(string id, string label) => new(id)
        {
            Label = Label(label),
            Value = today,
            Max = today,
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label(label)),
        };

        InputChoiceSet IntroducerInput(string id, string label) => new(id, choices)
        {
            Label = Label(label),
            Style = ChoiceStyle.Compact,
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label(label)),
        };
    }

    public static AdaptiveCard Done(Language language, string text) =>
        new([TextBlock.Trusted(text) with { Weight = TextWeight.Bolder, Color = TextColor.Good }]);
}
