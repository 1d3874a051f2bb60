using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Overdue;

/// <summary>
/// A group leader's summary: overdue and due-soon people of the group, one line each (what, how many, since when),
/// and those the bot cannot reach. Sections are capped, so a group a year behind still fits.
/// </summary>
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
        Section(body, language, "reminder.leader.overdue", PerPerson(language, summary.Overdue), TextColor.Attention);
        Section(body, language, "reminder.leader.dueSoon", PerPerson(language, summary.DueSoon), TextColor.Warning);
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
            body.Add(TextBlock.Trusted(t.Get(language, "reminder.leader.morePeople", lines.Count - MaxItemsPerSection)) with { IsSubtle = true });
    }

    /// <summary>One line per person (keyed by member, the student number beside a shared name), oldest first.</summary>
    private static List<string> PerPerson(Language language, IReadOnlyList<LeaderSummaryItem> items)
    {
        var t = Texts.Default;
        var people = items.GroupBy(i => (i.OwnerId, i.OwnerId is null ? i.Owner : null)).ToList();
        var names = PersonNames.Distinct(language, people.Where(g => g.Key.OwnerId is not null)
            .Select(g => new NamedPerson(g.Key.OwnerId!.Value, g.First().Owner, g.First().OwnerStudentNumber)));
        return people.OrderBy(g => g.Min(i => i.DueDate)).Select(g =>
        {
            var name = g.Key.OwnerId is { } id ? names[id] : g.First().Owner;
            if (g.Count() == 1) return Item(language, g.First() with { Owner = name });
            var kinds = g.GroupBy(i => i.Kind).Select(k => t.Get(language, "overdue.kindCount", Formats.Kind(language, k.Key), k.Count()));
            return t.Get(language, "reminder.leader.personItems", ReminderText.Name(name), string.Join(language == Language.EnUs ? ", " : "、", kinds),
                Formats.Period(language, g.MinBy(i => i.Period.Start)!.Period));
        }).ToList();
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
