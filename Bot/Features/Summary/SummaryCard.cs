using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Summary;

public sealed record GroupRow(string GroupName, GroupCompletion Completion);

/// <summary>The committee's view: completion per group for this month and last month (text, so it reads on every client).</summary>
public static class SummaryCard
{
    /// <summary>Groups listed per section; the total row still counts every group.</summary>
    public const int MaxGroupsListed = 60;

    /// <param name="isGroupLeader">The committee member also leads a group: offer that group's list beside the branch's.</param>
    public static AdaptiveCard Build(Language language, string branchName, Period current, IReadOnlyList<GroupRow> currentRows, Period previous, IReadOnlyList<GroupRow> previousRows,
        bool isGroupLeader = false)
    {
        var t = Texts.Default;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "summary.title", Markdown.Escape(UserText.Clip(branchName, 100)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        Section("summary.current", current, currentRows);
        Section("summary.previous", previous, previousRows);
        var actions = new List<CardAction>
        {
            new ActionSubmit(t.Get(language, "summary.overdueBranch"), CardActionData.For(Verbs.OverdueShow).With(OverdueListCard.ScopeField, nameof(OverdueScope.Branch))),
        };
        if (isGroupLeader)
            actions.Add(new ActionSubmit(t.Get(language, "summary.overdueGroup"), CardActionData.For(Verbs.OverdueShow).With(OverdueListCard.ScopeField, nameof(OverdueScope.Group))));
        return new AdaptiveCard(body, actions);

        void Section(string titleKey, Period period, IReadOnlyList<GroupRow> rows)
        {
            body.Add(TextBlock.Trusted(t.Get(language, titleKey, Formats.Period(language, period))) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true });
            var facts = rows.Take(MaxGroupsListed).Select(r => Fact.Trusted(Markdown.Escape(UserText.Clip(r.GroupName)), Row(r.Completion))).ToList();
            if (rows.Count > MaxGroupsListed) facts.Add(Fact.Trusted("…", t.Get(language, "summary.moreGroups", rows.Count - MaxGroupsListed)));
            var total = new GroupCompletion(
                [period],
                rows.Sum(r => r.Completion.Owed), rows.Sum(r => r.Completion.Done), rows.Sum(r => r.Completion.DoneLate),
                rows.Sum(r => r.Completion.Excused), rows.Sum(r => r.Completion.Overdue), rows.Sum(r => r.Completion.Open), [],
                rows.Sum(r => r.Completion.Missed));
            facts.Add(Fact.Trusted(t.Get(language, "summary.total"), Row(total)));
            body.Add(new FactSet(facts));
        }

        string Row(GroupCompletion c) => t.Get(language, "summary.row", c.Done + c.DoneLate, c.Owed,
            (int)Math.Round(c.SettledRate * 100, MidpointRounding.AwayFromZero), c.Overdue, c.Excused, c.Missed);
    }
}
