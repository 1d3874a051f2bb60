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
    public static Command? Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = MentionPattern().Replace(text, " ");
        cleaned = WhitespacePattern().Replace(cleaned, " ").Trim().Trim('。', '.', '!', '！', '?', '？', '/').Trim().ToLowerInvariant();
        return Phrases.TryGetValue(cleaned, out var command) ? command : null;
    }

    public Task<Reply> OnTextAsync(Turn turn, string? text, CancellationToken cancellationToken) =>
        Match(text) is { } command && _commands.TryGetValue(command, out var handle)
            ? handle(turn, cancellationToken)
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
