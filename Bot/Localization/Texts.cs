using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace BranchBot.Bot.Localization;

/// <summary>
/// Every user-facing string, from the embedded <c>Resources/{zh-CN,en-US,zh-TW}.json</c> files. Placeholders are
/// <c>{0}</c>-style, formatted with the language's culture. A missing key throws: the card tests render every
/// builder in every language, so a typo fails a test instead of showing a key to a person.
/// </summary>
public sealed class Texts
{
    public static Texts Default { get; } = LoadEmbedded();

    private readonly FrozenDictionary<Language, FrozenDictionary<string, string>> byLanguage;

    private Texts(FrozenDictionary<Language, FrozenDictionary<string, string>> byLanguage) => this.byLanguage = byLanguage;

    public string Get(Language language, string key, params object?[] args)
    {
        if (!byLanguage[language].TryGetValue(key, out var template))
            throw new KeyNotFoundException($"No text '{key}' for {language.Tag()}.");
        return args.Length == 0 ? template : string.Format(language.Culture(), template, args);
    }

    /// <summary>
    /// A text that counts something: <c>key.one</c> when the count is 1, else <c>key.other</c> ("1 day", "2 days";
    /// the Chinese files say the same in both). The count is placeholder {0}, the other arguments follow it.
    /// </summary>
    public string Count(Language language, string key, int count, params object?[] args) =>
        Get(language, key + (count == 1 ? ".one" : ".other"), [count, .. args]);

    public IReadOnlyDictionary<string, string> All(Language language) => byLanguage[language];

    internal static string ResourceName(Language language) => $"BranchBot.Localization.{language.Tag()}.json";

    private static Texts LoadEmbedded()
    {
        var assembly = typeof(Texts).Assembly;
        var map = Enum.GetValues<Language>().ToFrozenDictionary(lang => lang, lang =>
        {
            using var stream = assembly.GetManifestResourceStream(ResourceName(lang))
                ?? throw new InvalidOperationException($"Embedded resource {ResourceName(lang)} is missing.");
            var texts = JsonSerializer.Deserialize(stream, LocalizationJsonContext.Default.DictionaryStringString)
                ?? throw new InvalidOperationException($"{ResourceName(lang)} is empty.");
            return texts.ToFrozenDictionary(StringComparer.Ordinal);
        });
        return new Texts(map);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LocalizationJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
