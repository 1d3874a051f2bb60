using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Summary;

/// <summary>The committee's monthly summary: completion per group of what was owed for the month, and the way to the branch's list.</summary>
public static class ReminderCommitteeSummaryCard
{
    public static AdaptiveCard Build(Language language, Period period, IReadOnlyList<CommitteeRow> rows, GroupCompletion total)
    {
        var t = Texts.Default;
        var facts = rows.Take(SummaryCard.MaxGroupsListed).Select(r => Fact.Trusted(ReminderText.Name(r.GroupName), Row(language, r.Completion))).ToList();
        if (rows.Count > SummaryCard.MaxGroupsListed) facts.Add(Fact.Trusted("…", t.Get(language, "summary.moreGroups", rows.Count - SummaryCard.MaxGroupsListed)));
        facts.Add(Fact.Trusted(t.Get(language, "summary.total"), Row(language, total)));
        return new AdaptiveCard(
        [
            TextBlock.Trusted(t.Get(language, "summary.title", Formats.Period(language, period))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(t.Get(language, "reminder.committee.intro")) with { IsSubtle = true },
            new FactSet(facts),
        ],
        [new ActionSubmit(t.Get(language, "summary.overdueBranch"), CardActionData.For(Verbs.OverdueShow).With(OverdueListCard.ScopeField, nameof(OverdueScope.Branch)))]);
    }

    private static string Row(Language language, GroupCompletion c)
    {
        var percent = Math.Round(c.SettledRate * 100).ToString(CultureInfo.InvariantCulture);
        return Texts.Default.Get(language, "summary.row", c.Done + c.DoneLate, c.Owed, percent, c.Overdue, c.Excused, c.Missed);
    }
}
