namespace BranchBot.Bot.Cards;

/// <summary>Caps user-supplied text placed in facts and titles, which the card size guard does not shorten.</summary>
public static class UserText
{
    public const int NameMax = 60;

    public static string Clip(string? text, int max = NameMax)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max) return text ?? "";
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut] + "…";
    }
}
