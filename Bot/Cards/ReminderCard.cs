using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Cards;

/// <summary>Roster names inside our own sentences: escaped, and cut at the roster's column length so no name can swell a card.</summary>
internal static class ReminderText
{
    public const int MaxName = 64;

    public static string Name(string? name) =>
        Markdown.Escape(name is { Length: > MaxName } ? AdaptiveCard.Truncate(name, MaxName) : name);
}

/// <summary>
/// The reminder a person gets before a deadline or after it. The time left is counted from <c>sentOn</c>, the
/// branch-local day it is sent, not from the step it was planned for: a reminder made up after a restart says
/// "due today" rather than "1 day left". For a written report the reminder is the report form itself, under a
/// reminder headline; for a mentor's talk it opens the talk form.
/// </summary>
public static class ReminderCard
{
    public static AdaptiveCard Report(Language language, ReportForm form, DateOnly sentOn)
    {
        var form1 = ReportFormCard.Build(language, form);
        return form1 with { Body = [.. Headline(language, form.Kind, form.Period, form.Deadline, sentOn), .. form1.Body] };
    }

    public static AdaptiveCard Talk(Language language, Period period, DateOnly dueDate, string menteeName, string menteeStudentNumber, string cardId, DateOnly sentOn)
    {
        var t = Texts.Default;
        var data = CardActionData.For(Verbs.TalkForm, cardId).With(TalkFormCard.MenteeInput, menteeStudentNumber);
        return new AdaptiveCard(
            body:
            [
                .. Headline(language, ObligationKind.Talk, period, dueDate, sentOn),
                TextBlock.Trusted(t.Get(language, "reminder.talk", ReminderText.Name(menteeName))),
            ],
            actions: [new ActionSubmit(t.Get(language, "reminder.logTalkNow"), data) { Style = ActionStyle.Positive }]);
    }

    /// <summary>How much time is left, as of the day the reminder is sent: "due in 3 days", "due tomorrow", "due today", "2 days overdue".</summary>
    public static string TimeLeft(Language language, DateOnly dueDate, DateOnly sentOn)
    {
        var t = Texts.Default;
        var date = Formats.DateWithWeekday(language, dueDate);
        return (dueDate.DayNumber - sentOn.DayNumber) switch
        {
            < 0 and var late => t.Count(language, "reminder.overdue", -late, Formats.Date(language, dueDate)),
            0 => t.Get(language, "reminder.dueToday", date),
            1 => t.Get(language, "reminder.dueTomorrow", date),
            var days => t.Get(language, "reminder.dueSoon", days, date),
        };
    }

    private static IEnumerable<CardElement> Headline(Language language, ObligationKind kind, Period period, DateOnly dueDate, DateOnly sentOn)
    {
        var t = Texts.Default;
        yield return TextBlock.Trusted(t.Get(language, "reminder.title", Formats.Kind(language, kind), Formats.Period(language, period)))
            with { Weight = TextWeight.Bolder, Size = TextSize.Medium, Color = sentOn > dueDate ? TextColor.Attention : TextColor.Accent };
        yield return TextBlock.Trusted(TimeLeft(language, dueDate, sentOn));
    }
}
