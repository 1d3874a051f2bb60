using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Features.Info;

public static class LanguageCard
{
    public const string LanguageField = "language";

    public static AdaptiveCard Build(Language current) => new(
        [
            TextBlock.Trusted(Texts.Default.Get(current, "language.title")) with { Weight = TextWeight.Bolder },
        ],
        [
            Button(current, Language.ZhCn, "language.zhCn"),
            Button(current, Language.EnUs, "language.enUs"),
            Button(current, Language.ZhTw, "language.zhTw"),
        ]);

    private static ActionSubmit Button(Language current, Language language, string key) =>
        new(Texts.Default.Get(current, key), CardActionData.For(Verbs.LanguageSet).With(LanguageField, language.Tag()));
}
