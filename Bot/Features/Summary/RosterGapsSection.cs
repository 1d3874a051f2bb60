using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Summary;

public sealed record RosterGap(string Name, string StudentNumber, string GroupName, Stage Stage, int Mentors, int Needed);

// Total: how many people have a gap; First: the first of them, by group and student number.
public sealed record RosterGaps(int Total, IReadOnlyList<RosterGap> First)
{
    public static readonly RosterGaps None = new(0, []);
}

/// <summary>
/// The committee's "roster to complete" section: how many people lack a mentor or introducers, the first few by name
/// (with student number, so two people of the same name stay apart), how many more, and how to fix it. Empty when
/// nothing is missing. A section of its own so any summary card can append it.
/// </summary>
public static class RosterGapsSection
{
    public const int MaxNames = 5;

    public static IReadOnlyList<CardElement> Build(Language language, RosterGaps gaps)
    {
        if (gaps.Total == 0) return [];
        var t = Texts.Default;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "rosterGaps.title", gaps.Total)) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true },
        };
        foreach (var gap in gaps.First.Take(MaxNames))
            body.Add(TextBlock.Trusted(t.Get(language, gap.Stage == Stage.DevelopmentTarget ? "rosterGaps.introducers" : "rosterGaps.mentors",
                Markdown.Escape(UserText.Clip(gap.Name)), Markdown.Escape(UserText.Clip(gap.StudentNumber)), Markdown.Escape(UserText.Clip(gap.GroupName)),
                gap.Mentors, gap.Needed)) with { Spacing = Spacing.Small });
        var shown = Math.Min(gaps.First.Count, MaxNames);
        if (gaps.Total > shown)
            body.Add(TextBlock.Trusted(t.Get(language, "rosterGaps.more", gaps.Total - shown)) with { Spacing = Spacing.Small });
        body.Add(TextBlock.Trusted(t.Get(language, "rosterGaps.hint")) with { IsSubtle = true, Spacing = Spacing.Small });
        return body;
    }
}
