using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Talks;

/// <summary>A mentor's reminder of a talk not yet held: it opens the talk form with the mentee chosen.</summary>
public static class TalkReminderCard
{
    public static AdaptiveCard Build(Language language, Period period, DateOnly dueDate, string menteeName, string menteeStudentNumber, string cardId, DateOnly sentOn)
    {
        var t = Texts.Default;
        var data = CardActionData.For(Verbs.TalkForm, cardId).With(TalkFormCard.MenteeInput, menteeStudentNumber);
        return new AdaptiveCard(
            body:
            [
                .. ReminderCard.Headline(language, ObligationKind.Talk, period, dueDate, sentOn),
                TextBlock.Trusted(t.Get(language, "reminder.talk", ReminderText.Name(menteeName))),
            ],
            actions: [new ActionSubmit(t.Get(language, "reminder.logTalkNow"), data) { Style = ActionStyle.Positive }]);
    }
}
