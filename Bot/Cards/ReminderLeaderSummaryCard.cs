using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;

namespace BranchBot.Bot.Cards;

/// <summary>A group leader's summary: overdue and due-soon people of the group and those the bot cannot reach.</summary>
public static class ReminderLeaderSummaryCard
{
    public const int MaxItemsPerSection = 40;

    public static AdaptiveCard Build(Language language, LeaderSummary summary, DateOnly day)
    {
        var t = Texts.Default;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "reminder.leader.title", ReminderText.Name(summary.GroupName), Formats.DateWithWeekday(language, day)))
                with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        if (summary.Overdue.Count == 0 && summary.DueSoon.Count == 0)
            body.Add(TextBlock.Trusted(t.Get(language, "reminder.leader.none")));
        Section(body, language, "reminder.leader.overdue", summary.Overdue.Select(i => Item(language, i)).ToList(), TextColor.Attention);
        Section(body, language, "reminder.leader.dueSoon", summary.DueSoon.Select(i => Item(language, i)).ToList(), TextColor.Warning);
        Section(body, language, "reminder.leader.unreachable",
            summary.Unreachable.Select(u => t.Get(language, "reminder.leader.unreachableItem", ReminderText.Name(u.Name), Reason(language, u.Reason))).ToList(), TextColor.Attention);
        return new AdaptiveCard(body, [new ActionSubmit(t.Get(language, "reminder.leader.open"), CardActionData.For(Verbs.OverdueShow))]);
    }

    private static void Section(List<CardElement> body, Language language, string titleKey, IReadOnlyList<string> lines, TextColor color)
    {
        if (lines.Count == 0) return;
        var t = Texts.Default;
        body.Add(TextBlock.Trusted(t.Get(language, titleKey, lines.Count)) with { Weight = TextWeight.Bolder, Color = color, Spacing = Spacing.Medium });
        foreach (var line in lines.Take(MaxItemsPerSection)) body.Add(TextBlock.Trusted(line) with { Spacing = Spacing.None });
        if (lines.Count > MaxItemsPerSection)
            body.Add(TextBlock.Trusted(t.Get(language, "reminder.leader.more", lines.Count - MaxItemsPerSection)) with { IsSubtle = true });
    }

    private static string Item(Language language, LeaderSummaryItem item)
    {
        var t = Texts.Default;
        var period = Formats.Period(language, item.Period);
        var due = Formats.Date(language, item.DueDate);
        return item.Mentee is { } mentee
            ? t.Get(language, "reminder.leader.talkItem", ReminderText.Name(item.Owner), ReminderText.Name(mentee), period, due)
            : t.Get(language, "reminder.leader.item", ReminderText.Name(item.Owner), Formats.Kind(language, item.Kind), period, due);
    }

    private static string Reason(Language language, string reason) => Texts.Default.Get(language, reason switch
    {
        Delivery.ProactiveSender.NoTeamsUser => "reminder.unreachable.noTeams",
        "ConversationBlockedByUser" or "MessageWritesBlocked" => "reminder.unreachable.blocked",
        "BotDisabledByAdmin" => "reminder.unreachable.disabled",
        _ => "reminder.unreachable.notInstalled",
    });
}
