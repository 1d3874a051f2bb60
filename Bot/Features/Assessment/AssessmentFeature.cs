using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Assessment;

/// <summary>The semester assessment sheet (考察表) of the activists: reports and talks from the facts, branch duty and class conduct.</summary>
public sealed class AssessmentFeature : Feature
{
    public override string Name => "assessment";

    public AssessmentFeature()
    {
        Verb<AssessmentFlow>(Verbs.AssessmentGroup, (flow, turn, data, ct) => flow.GroupAsync(turn, data, ct));
        Verb<AssessmentFlow>(Verbs.AssessmentDuty, (flow, turn, data, ct) => flow.DutyAsync(turn, data, ct));
        Verb<AssessmentFlow>(Verbs.AssessmentConduct, (flow, turn, data, ct) => flow.ConductAsync(turn, data, ct));
        Verb<AssessmentFlow>(Verbs.AssessmentExport, (flow, turn, data, ct) => flow.ExportAsync(turn, data, ct));

        Typed<AssessmentFlow>(Command.AssessmentSheet, ["assessment sheet"], ["考察表"], ["考察表"],
            (flow, turn, ct) => flow.SheetAsync(turn, ct), listed: false);

        Label(AssessmentCards.GroupInput, "assessment.group");
        Label(AssessmentCards.PersonInput, "assessment.person");
        Label(AssessmentCards.KindInput, "assessment.kind");
        Label(AssessmentCards.DateInput, "assessment.date");
        Label(AssessmentCards.NoteInput, "assessment.note");
        Label(AssessmentCards.RatingInput, "assessment.rating");
        Label(AssessmentCards.SemesterInput, "assessment.semester");
    }
}
