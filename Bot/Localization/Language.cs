using System.Globalization;

namespace BranchBot.Bot.Localization;

/// <summary>The languages the bot speaks. Simplified Chinese first: it is the branch's working language.</summary>
public enum Language
{
    ZhCn,
    EnUs,
    ZhTw,
}

public static class LanguageExtensions
{
    private static readonly CultureInfo ZhCn = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo ZhTw = CultureInfo.GetCultureInfo("zh-TW");

    public static string Tag(this Language language) => language switch
    {
        Language.ZhCn => "zh-CN",
        Language.EnUs => "en-US",
        Language.ZhTw => "zh-TW",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public static CultureInfo Culture(this Language language) => language switch
    {
        Language.ZhCn => ZhCn,
        Language.EnUs => EnUs,
        Language.ZhTw => ZhTw,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public static bool IsChinese(this Language language) => language is Language.ZhCn or Language.ZhTw;
}

public static class LanguageResolver
{
    /// <summary>
    /// The person's own choice if set, else the language of the last command they typed, else their Teams client
    /// locale, else the branch default.
    /// </summary>
    public static Language Resolve(Language? preferred, Language? lastTyped, string? clientLocale, Language branchDefault = Language.ZhCn) =>
        preferred ?? lastTyped ?? FromLocale(clientLocale) ?? branchDefault;

    /// <summary>Teams locales: zh-TW, zh-HK, zh-MO and any zh-Hant are Traditional; other zh Simplified; en English.</summary>
    public static Language? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var parts = locale.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        var primary = parts[0];
        if (primary.Equals("en", StringComparison.OrdinalIgnoreCase)) return Language.EnUs;
        if (!primary.Equals("zh", StringComparison.OrdinalIgnoreCase)) return null;
        var traditional = parts.Skip(1).Any(p =>
            p.Equals("Hant", StringComparison.OrdinalIgnoreCase) || p.Equals("TW", StringComparison.OrdinalIgnoreCase)
            || p.Equals("HK", StringComparison.OrdinalIgnoreCase) || p.Equals("MO", StringComparison.OrdinalIgnoreCase));
        var simplified = parts.Skip(1).Any(p => p.Equals("Hans", StringComparison.OrdinalIgnoreCase));
        return traditional && !simplified ? Language.ZhTw : Language.ZhCn;
    }
}
