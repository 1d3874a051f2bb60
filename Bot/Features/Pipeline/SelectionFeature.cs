using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>The selection of activists (公示, objections, conclusion), the activists' quarterly evaluation and stopping cultivation.</summary>
public sealed class SelectionFeature : Feature
{
    public override string Name => "selection";

    public SelectionFeature()
    {
        Verb<SelectionFlow>(Verbs.SelectionNominateForm, (flow, turn, data, ct) => flow.NominateFormAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.SelectionNominateSubmit, (flow, turn, data, ct) => flow.NominateSubmitAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.SelectionObject, (flow, turn, data, ct) => flow.ObjectAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.SelectionObjectionForm, (flow, turn, data, ct) => flow.ObjectionFormAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.SelectionObjectionResolve, (flow, turn, data, ct) => flow.ObjectionResolveAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.SelectionConcludeForm, (flow, turn, data, ct) => flow.ConcludeFormAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.SelectionConcludeSubmit, (flow, turn, data, ct) => flow.ConcludeSubmitAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.ActivistEvaluateForm, (flow, turn, data, ct) => flow.EvaluateFormAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.ActivistEvaluateSubmit, (flow, turn, data, ct) => flow.EvaluateSubmitAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.ActivistStopForm, (flow, turn, data, ct) => flow.StopFormAsync(turn, data, ct));
        Verb<SelectionFlow>(Verbs.ActivistStopSubmit, (flow, turn, data, ct) => flow.StopSubmitAsync(turn, data, ct));

        Label(NominationCard.RecommendedByInput, "selection.nominate.recommendedBy");
        Label(NominationCard.RecommenderInput, "selection.nominate.recommender");
        Label(NominationCard.DecidedOnInput, "selection.nominate.decidedOn");
        Label(NoticeCard.ReasonInput, "selection.notice.reason");
        Label(ObjectionCard.ResolutionInput, "selection.objection.resolution");
        Label(ObjectionCard.NoteInput, "selection.objection.note");
        Label(ConclusionCard.FiledOnInput, "selection.conclude.filedOn");
        Label(ConclusionCard.MentorInput, "selection.conclude.mentor");
        Label(ActivistEvaluationCard.QuarterInput, "activistEval.quarter");
        Label(ActivistEvaluationCard.ResultInput, "activistEval.result");
        Label(ActivistEvaluationCard.NotesInput, "activistEval.notes");
        Label(StopCard.DecidedOnInput, "activistStop.decidedOn");
        Label(StopCard.ReasonInput, "activistStop.reason");
    }
}
