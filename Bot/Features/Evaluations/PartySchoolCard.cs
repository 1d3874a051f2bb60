using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Evaluations;

namespace BranchBot.Bot.Features.Evaluations;

/// <param name="Next">The session nominations go to.</param>
/// <param name="Nominable">Activists and development targets not yet nominated for it.</param>
/// <param name="Begun">The latest session that has begun, whose completion may be recorded.</param>
/// <param name="Unfinished">Nominated for <paramref name="Begun"/> and not yet recorded as completed.</param>
public sealed record PartySchoolView(PartySchoolSession Next, int NextNominated, IReadOnlyList<NamedPerson> Nominable, int NominableTotal,
    PartySchoolSession Begun, int BegunNominated, int BegunCompleted, IReadOnlyList<NamedPerson> Unfinished, int UnfinishedTotal);

/// <summary>The committee nominates people for the Party school's next session and records who completed the one begun (schema 1.2).</summary>
public static class PartySchoolCard
{
    public const string SessionField = "session";
    public const string NomineeInput = "partySchoolNominee";
    public const string CompletedInput = "partySchoolCompleted";
    public const string CompletedOnInput = "partySchoolCompletedOn";
    public const int MaxChoices = 40;

    public static AdaptiveCard Build(Language language, PartySchoolView view, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string L(string key, params object?[] args) => t.Get(language, key, args);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(L("partySchool.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(L("partySchool.next", Session(language, view.Next), view.NextNominated)) with { Weight = TextWeight.Bolder },
        };
        var actions = new List<CardAction>();
        if (view.NominableTotal > 0)
        {
            body.Add(Choices(NomineeInput, "partySchool.nominee", view.Nominable));
            if (view.NominableTotal > view.Nominable.Count) body.Add(TextBlock.Trusted(L("evaluations.card.more", view.NominableTotal - view.Nominable.Count)) with { IsSubtle = true });
            actions.Add(new ActionSubmit(L("partySchool.nominate"), CardActionData.For(Verbs.PartySchoolNominate, cardId).With(SessionField, view.Next.Key)) { Style = ActionStyle.Positive });
        }
        else body.Add(TextBlock.Trusted(L("partySchool.nobodyToNominate")) with { IsSubtle = true });

        body.Add(TextBlock.Trusted(L("partySchool.begun", Session(language, view.Begun), view.BegunNominated, view.BegunCompleted)) with { Weight = TextWeight.Bolder, Separator = true });
        if (view.UnfinishedTotal > 0)
        {
            body.Add(Choices(CompletedInput, "partySchool.completed", view.Unfinished));
            if (view.UnfinishedTotal > view.Unfinished.Count) body.Add(TextBlock.Trusted(L("evaluations.card.more", view.UnfinishedTotal - view.Unfinished.Count)) with { IsSubtle = true });
            body.Add(new InputDate(CompletedOnInput)
            {
                Label = L("partySchool.completedOn"),
                Value = today,
                Max = today,
                IsRequired = true,
                ErrorMessage = L("error.missingField", L("partySchool.completedOn")),
            });
            actions.Add(new ActionSubmit(L("partySchool.complete"), CardActionData.For(Verbs.PartySchoolComplete, cardId).With(SessionField, view.Begun.Key)));
        }
        return new AdaptiveCard(body, actions);

        // Choice inputs are compact and required; a card built for one session submits only to that session.
        InputChoiceSet Choices(string id, string label, IReadOnlyList<NamedPerson> people)
        {
            var names = PersonNames.Distinct(language, people);
            return new InputChoiceSet(id, [.. people.Select(p => new Choice(names[p.MemberId], p.MemberId.ToString(CultureInfo.InvariantCulture)))])
            {
                Label = L(label),
                Style = ChoiceStyle.Compact,
                IsRequired = true,
                ErrorMessage = L("error.missingField", L(label)),
            };
        }
    }

    /// <summary>"2027年4月" / "April 2027".</summary>
    public static string Session(Language language, PartySchoolSession session) =>
        Texts.Default.Get(language, session.Month == 4 ? "partySchool.session.april" : "partySchool.session.october", session.Year);
}
