using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Features.Info;

/// <summary>Which parts of the help a person sees; someone can be a student and a mentor at once.</summary>
[Flags]
public enum HelpSections
{
    None = 0,
    Student = 1,
    Mentor = 2,
    GroupLeader = 4,
    Committee = 8,
}

public static class HelpCard
{
    public static AdaptiveCard Build(Language language, HelpSections sections)
    {
        var t = Texts.Default;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "help.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(t.Get(language, "help.intro")),
        };
        foreach (var (section, key) in new[]
                 {
                     (HelpSections.Student, "student"), (HelpSections.Mentor, "mentor"),
                     (HelpSections.GroupLeader, "groupLeader"), (HelpSections.Committee, "committee"),
                 })
        {
            if (!sections.HasFlag(section)) continue;
            body.Add(new Container(
            [
                TextBlock.Trusted(t.Get(language, $"help.{key}.title")) with { Weight = TextWeight.Bolder },
                TextBlock.Trusted(t.Get(language, $"help.{key}.body")),
            ]) { Spacing = Spacing.Medium, Separator = true });
        }
        body.Add(TextBlock.Trusted(t.Get(language, "help.language")) with { IsSubtle = true, Spacing = Spacing.Medium });
        return new AdaptiveCard(body);
    }
}
