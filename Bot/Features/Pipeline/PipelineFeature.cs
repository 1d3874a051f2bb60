using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>The committee moves people through the stages: development target, the public defence, admission, the end of probation.</summary>
public sealed class PipelineFeature : Feature
{
    public override string Name => "pipeline";

    public PipelineFeature()
    {
        Verb<PipelineFlow>(Verbs.PipelineDevelopForm, (flow, turn, data, ct) => flow.DevelopFormAsync(turn, data, ct));
        Verb<PipelineFlow>(Verbs.PipelineDevelopSubmit, (flow, turn, data, ct) => flow.DevelopSubmitAsync(turn, data, ct));
        Verb<PipelineFlow>(Verbs.PipelineDefenceForm, (flow, turn, data, ct) => flow.DefenceFormAsync(turn, data, ct));
        Verb<PipelineFlow>(Verbs.PipelineDefenceScore, (flow, turn, data, ct) => flow.DefenceScoreAsync(turn, data, ct));
        Verb<PipelineFlow>(Verbs.PipelineAdmitForm, (flow, turn, data, ct) => flow.AdmitFormAsync(turn, data, ct));
        Verb<PipelineFlow>(Verbs.PipelineAdmitSubmit, (flow, turn, data, ct) => flow.AdmitSubmitAsync(turn, data, ct));
        Verb<PipelineFlow>(Verbs.PipelineProbationForm, (flow, turn, data, ct) => flow.ProbationFormAsync(turn, data, ct));
        Verb<PipelineFlow>(Verbs.PipelineProbationSubmit, (flow, turn, data, ct) => flow.ProbationSubmitAsync(turn, data, ct));

        Label(DevelopmentCard.OpinionsInput, "pipeline.develop.opinions");
        Label(DevelopmentCard.DecidedOnInput, "pipeline.develop.decidedOn");
        Label(DevelopmentCard.FiledOnInput, "pipeline.develop.filedOn");
        Label(DevelopmentCard.Introducer1Input, "pipeline.develop.introducer1");
        Label(DevelopmentCard.Introducer2Input, "pipeline.develop.introducer2");
        Label(DefenceCard.DefenceInput, "pipeline.defence.defenceMark");
        Label(DefenceCard.DailyWorkInput, "pipeline.defence.dailyWorkMark");
        Label(AdmissionCard.MeetingOnInput, "pipeline.admit.meetingOn");
        Label(AdmissionCard.ApprovedOnInput, "pipeline.admit.approvedOn");
        Label(ProbationCard.OutcomeInput, "pipeline.probation.outcome");
        Label(ProbationCard.MeetingOnInput, "pipeline.probation.meetingOn");
        Label(ProbationCard.NewEndInput, "pipeline.probation.newEnd");
        Label(ProbationCard.NoteInput, "pipeline.probation.note");
    }
}
