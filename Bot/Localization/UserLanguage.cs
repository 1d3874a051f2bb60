using BranchBot.Infrastructure.Persistence;

namespace BranchBot.Bot.Localization;

public static class UserLanguage
{
    /// <summary>
    /// The person's own choice, else the language of the last command they typed, else their Teams client
    /// locale, else the branch default. Used for replies and for proactive messages alike.
    /// </summary>
    public static Language For(TeamsUser? user, Language branchDefault = Language.ZhCn) =>
        user is null
            ? branchDefault
            : LanguageResolver.Resolve(Parse(user.PreferredLanguage), Parse(user.LastTypedLanguage), user.ClientLocale, branchDefault);

    public static Language? Parse(string? tag) => tag switch
    {
        "zh-CN" => Language.ZhCn,
        "en-US" => Language.EnUs,
        "zh-TW" => Language.ZhTw,
        _ => null,
    };
}
