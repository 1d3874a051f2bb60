using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Pipeline;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>The committee records the branch meeting's decision and the upper approval for a development target (schema 1.2).</summary>
public static class AdmissionCard
{
    public const string MeetingOnInput = "meetingOn";
    public const string ApprovedOnInput = "approvedOn";

    public static AdaptiveCard Build(Language language, DefenceView view, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var data = CardActionData.For(Verbs.PipelineAdmitSubmit, cardId)
            .With(DevelopmentCard.SubjectField, view.Person.MemberId)
            .With(DevelopmentCard.SinceField, view.StageSince);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "pipeline.admit.title", Markdown.Escape(UserText.Clip(view.Person.Name)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(Result(language, view.SoFar)),
                DateInput(MeetingOnInput, "pipeline.admit.meetingOn"),
                DateInput(ApprovedOnInput, "pipeline.admit.approvedOn"),
                TextBlock.Trusted(Label("pipeline.admit.hint")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("pipeline.admit.save"), data) { Style = ActionStyle.Positive }]);

        InputDate DateInput(string id, string label) => new(id)
        {
            Label = Label(label),
            Value = today,
            Max = today,
            IsRequired = true,
            ErrorMessage = t.Get(language, "error.missingField", Label(label)),
        };
    }

    /// <summary>The defence's result in one line: scorers, average, and passed, failed or too few scorers.</summary>
    public static string Result(Language language, DefenceResult result)
    {
        var t = Texts.Default;
        var verdict = !result.EnoughScorers ? t.Get(language, "pipeline.result.tooFew", DefenceScoring.MinScorers)
            : result.Passed ? t.Get(language, "pipeline.result.passed")
            : t.Get(language, "pipeline.result.failed", DefenceCard.Number(DefenceScoring.PassMark));
        return t.Get(language, "pipeline.admit.result", result.Scorers, DefenceCard.Average(result.Average), verdict);
    }
}
