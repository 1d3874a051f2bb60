using System.Collections.Frozen;
using System.Text.RegularExpressions;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features;
using BranchBot.Bot.Features.Info;

namespace BranchBot.Bot.Conversation;

/// <summary>The one table from typed commands and card verbs to flows, built from <see cref="Features.Features.All"/>.</summary>
public sealed partial class Router
{
    private static readonly FrozenDictionary<string, Command> Phrases = Commands.All
        .SelectMany(e => e.English.Concat(e.SimplifiedChinese).Concat(e.TraditionalChinese).Select(p => (p, e.Command)))
        .DistinctBy(x => x.p.ToLowerInvariant())
        .ToFrozenDictionary(x => x.p.ToLowerInvariant(), x => x.Command, StringComparer.Ordinal);

    // Longest first, so that a longer phrase wins over one it starts with.
    private static readonly (string Phrase, Command Command)[] ArgumentPhrases = Commands.All.Where(e => e.TakesArgument)
        .SelectMany(e => e.English.Concat(e.SimplifiedChinese).Concat(e.TraditionalChinese).Select(p => (p.ToLowerInvariant(), e.Command)))
        .OrderByDescending(x => x.Item1.Length).ToArray();

    private readonly FrozenDictionary<string, CardHandler> _verbs;
    private readonly FrozenDictionary<Command, TextHandler> _commands;
    private readonly InfoFlows _info;

    // A verb or command declared twice throws here, at start-up (and in the catalogue test), not at the first click.
    public Router(IServiceProvider services, InfoFlows info)
    {
        _verbs = Features.Features.All.SelectMany(f => f.CardVerbs).ToFrozenDictionary(v => v.Verb, v => v.Bind(services), StringComparer.Ordinal);
        _commands = Features.Features.All.SelectMany(f => f.TypedCommands).ToFrozenDictionary(c => c.Phrases.Command, c => c.Bind(services));
        _info = info;
    }

    /// <summary>The command a typed text names, with any @mention and surrounding punctuation removed.</summary>
    public static Command? Match(string? text) => Parse(text)?.Command;

    /// <summary>
    /// The command and, for a command that takes one, what follows its phrase (after a space, or straight after a
    /// Chinese phrase: 年度导出2025).
    /// </summary>
    public static (Command Command, string? Argument)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = MentionPattern().Replace(text, " ");
        cleaned = WhitespacePattern().Replace(cleaned, " ").Trim().Trim('。', '.', '!', '！', '?', '？', '/').Trim().ToLowerInvariant();
        if (Phrases.TryGetValue(cleaned, out var command)) return (command, null);
        foreach (var (phrase, taking) in ArgumentPhrases)
            if (cleaned.Length > phrase.Length && cleaned.StartsWith(phrase, StringComparison.Ordinal)
                && (cleaned[phrase.Length] == ' ' || Localization.LanguageDetector.IsCjk(phrase[^1])))
                return (taking, cleaned[phrase.Length..].Trim());
        return null;
    }

    public Task<Reply> OnTextAsync(Turn turn, string? text, CancellationToken cancellationToken) =>
        Parse(text) is { } typed && _commands.TryGetValue(typed.Command, out var handle)
            ? handle(turn with { Argument = typed.Argument }, cancellationToken)
            : _info.HelpAsync(turn, notUnderstood: true, cancellationToken);

    public Task<Reply> OnCardAsync(Turn turn, CardData data, CancellationToken cancellationToken) =>
        data.Verb is { } verb && _verbs.TryGetValue(verb, out var handle)
            ? handle(turn, data, cancellationToken)
            : Task.FromResult<Reply>(new Reply.Refused(turn.T("error.unknownVerb")));

    [GeneratedRegex(@"<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
