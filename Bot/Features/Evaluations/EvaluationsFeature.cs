using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Evaluations;

/// <summary>The probationary half-yearly comprehensive evaluation (self, peers, branch) and the Party school's April and October training.</summary>
public sealed class EvaluationsFeature : Feature
{
    public override string Name => "evaluations";

    public EvaluationsFeature()
    {
        Verb<EvaluationFlow>(Verbs.EvaluationsOpen, (flow, turn, data, ct) => flow.OpenAsync(turn, data, ct));
        Verb<EvaluationFlow>(Verbs.EvaluationsChase, (flow, turn, data, ct) => flow.ChaseAsync(turn, data, ct));
        Verb<EvaluationFlow>(Verbs.EvaluationsRate, (flow, turn, data, ct) => flow.RateAsync(turn, data, ct));
        Verb<PartySchoolFlow>(Verbs.PartySchoolForm, (flow, turn, data, ct) => flow.FormAsync(turn, ct));
        Verb<PartySchoolFlow>(Verbs.PartySchoolNominate, (flow, turn, data, ct) => flow.NominateAsync(turn, data, ct));
        Verb<PartySchoolFlow>(Verbs.PartySchoolComplete, (flow, turn, data, ct) => flow.CompleteAsync(turn, data, ct));

        Typed<EvaluationFlow>(Command.HalfYearlyEvaluation, ["half-yearly evaluation", "evaluation"], ["半年考察", "综合考察"], ["半年考察", "綜合考察"],
            (flow, turn, ct) => flow.FormAsync(turn, ct));

        Label(EvaluationsCard.SubjectInput, "evaluations.card.subjectShort");
        Label(RatingCard.ScoreInput, "evaluations.rating.score");
        Label(RatingCard.TextInput, "evaluations.rating.text");
        Label(PartySchoolCard.NomineeInput, "partySchool.nominee");
        Label(PartySchoolCard.CompletedInput, "partySchool.completed");
        Label(PartySchoolCard.CompletedOnInput, "partySchool.completedOn");
    }
}
