using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Features.Info;

public static class NotOnRosterCard
{
    /// <param name="signedInAs">The Teams display name or e-mail, so the person can tell their leader which account to add.</param>
    public static AdaptiveCard Build(Language language, string branchName, string? signedInAs)
    {
        var t = Texts.Default;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "roster.notOnRoster.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium, Color = TextColor.Attention },
            TextBlock.Trusted(t.Get(language, "roster.notOnRoster.body", Markdown.Escape(branchName))),
        };
        if (!string.IsNullOrWhiteSpace(signedInAs))
            body.Add(new FactSet([Fact.User(t.Get(language, "roster.notOnRoster.signedInAs"), signedInAs)]));
        return new AdaptiveCard(body);
    }
}
