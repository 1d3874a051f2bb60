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
/// The reminder a person gets before a deadline (<c>daysBefore</c>) or the day after it (null). For a written
/// report the reminder is the report form itself, under a reminder headline; for a mentor's talk it opens the talk form.
/// </summary>
public static class ReminderCard
{
    public static AdaptiveCard Report(Language language, ReportForm form, int? daysBefore)
    {
        var form1 = ReportFormCard.Build(language, form);
        return form1 with { Body = [.. Headline(language, form.Kind, form.Period, form.Deadline, daysBefore), .. form1.Body] };
    }

    public static AdaptiveCard Talk(Language language, Period period, DateOnly dueDate, string menteeName, string menteeStudentNumber, string cardId, int? daysBefore)
    {
        var t = Texts.Default;
        var data = CardActionData.For(Verbs.TalkForm, cardId).With(TalkFormCard.MenteeInput, menteeStudentNumber);
        return new AdaptiveCard(
            body:
            [
                .. Headline(language, ObligationKind.Talk, period, dueDate, daysBefore),
                TextBlock.Trusted(t.Get(language, "reminder.talk", ReminderText.Name(menteeName))),
            ],
            actions: [new ActionSubmit(t.Get(language, "reminder.logTalkNow"), data) { Style = ActionStyle.Positive }]);
    }

    private static IEnumerable<CardElement> Headline(Language language, ObligationKind kind, Period period, DateOnly dueDate, int? daysBefore)
    {
        var t = Texts.Default;
        var date = Formats.DateWithWeekday(language, dueDate);
        yield return TextBlock.Trusted(t.Get(language, "reminder.title", Formats.Kind(language, kind), Formats.Period(language, period)))
            with { Weight = TextWeight.Bolder, Size = TextSize.Medium, Color = daysBefore is null ? TextColor.Attention : TextColor.Accent };
        yield return TextBlock.Trusted(daysBefore is { } days ? t.Get(language, "reminder.dueSoon", days, date) : t.Get(language, "reminder.overdue", date));
    }
}
