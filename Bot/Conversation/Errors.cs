using System.Collections.Frozen;
using BranchBot.Bot.Cards;

namespace BranchBot.Bot.Conversation;

/// <summary>Card-data problems in the user's language, naming the field by its label.</summary>
public static class Errors
{
    // Exact input ids first, then per-row prefixes, as the features declare them.
    private static readonly FrozenDictionary<string, string> FieldLabels = Features.Features.All
        .SelectMany(f => f.InputLabels).Where(l => !l.IsPrefix).ToFrozenDictionary(l => l.Field, l => l.TextKey, StringComparer.Ordinal);

    private static readonly IReadOnlyList<Features.FieldLabel> PrefixLabels = [.. Features.Features.All.SelectMany(f => f.InputLabels).Where(l => l.IsPrefix)];

    public static Reply Refuse(Turn turn, CardDataError error) => new Reply.Refused(Describe(turn, error));

    public static string Describe(Turn turn, CardDataError error) => error.Code switch
    {
        // Only inputs are filled in by people; a missing field of our own (verb, period, member...) means the card
        // itself is broken or forged, and its internal name would mean nothing to them.
        CardDataErrorCode.MissingField => LabelKey(error.Field) is { } label ? turn.T("error.missingField", turn.T(label)) : turn.T("error.badCard"),
        CardDataErrorCode.TooLong => LabelKey(error.Field) is { } label
            ? turn.T("error.tooLongField", turn.T(label), error.Actual, error.Limit)
            : turn.T("error.tooLong", error.Actual, error.Limit),
        _ => turn.T(error.TextKey),
    };

    /// <summary>The text key of the label people see on this input (per-row inputs by their prefix); null for non-inputs.</summary>
    public static string? LabelKey(string? field) =>
        field is null ? null
        : FieldLabels.TryGetValue(field, out var key) ? key
        : PrefixLabels.FirstOrDefault(l => field.StartsWith(l.Field, StringComparison.Ordinal))?.TextKey;
}
