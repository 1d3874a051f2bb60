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
/// The part every reminder shares: a headline naming the duty and its period, and the time left. The time left is
/// counted from <c>sentOn</c>, the branch-local day it is sent, not from the step it was planned for: a reminder made
/// up after a restart says "due today" rather than "1 day left". Each feature's reminder card puts it on top of its own
/// form (Features/Reports/ReportReminderCard, Features/Talks/TalkReminderCard).
/// </summary>
public static class ReminderCard
{
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

    public static IEnumerable<CardElement> Headline(Language language, ObligationKind kind, Period period, DateOnly dueDate, DateOnly sentOn)
    {
        var t = Texts.Default;
        yield return TextBlock.Trusted(t.Get(language, "reminder.title", Formats.Kind(language, kind), Formats.Period(language, period)))
            with { Weight = TextWeight.Bolder, Size = TextSize.Medium, Color = sentOn > dueDate ? TextColor.Attention : TextColor.Accent };
        yield return TextBlock.Trusted(TimeLeft(language, dueDate, sentOn));
    }
}
