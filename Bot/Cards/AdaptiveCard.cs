using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BranchBot.Bot.Cards;

/// <summary>
/// A card as we build it. <see cref="ToJson"/> is the only way out: it validates, lowers inputs for 1.2 clients and
/// applies the size guard.
/// </summary>
public sealed record AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>
    /// Teams rejects messages over ~100 KB. Above this many UTF-8 bytes the longest user-written TextBlocks are cut
    /// and end in an ellipsis (people still get the card; their full text stays in the database). A card that is
    /// still too big without user text to cut is a programming error and throws.
    /// </summary>
    public const int MaxBytes = 80 * 1024;

    public AdaptiveCard(IReadOnlyList<CardElement> body, IReadOnlyList<CardAction>? actions = null, CardVersion version = CardVersion.V1_2)
    {
        Body = body;
        Actions = actions;
        Version = version;
    }

    public CardVersion Version { get; init; }
    public IReadOnlyList<CardElement> Body { get; init; }
    public IReadOnlyList<CardAction>? Actions { get; init; }
    public CardRefresh? Refresh { get; init; }

    public string ToJson() => ToJson(MaxBytes);

    internal string ToJson(int maxBytes)
    {
        Validate();
        var wire = CardLowering.Lower(this);
        var json = CardJson.Serialize(wire);
        for (var attempt = 0; Encoding.UTF8.GetByteCount(json) > maxBytes; attempt++)
        {
            var excess = Encoding.UTF8.GetByteCount(json) - maxBytes;
            var longest = CardLowering.UserTextBlocks(wire).MaxBy(t => t.Text.Length);
            if (longest is null || longest.Text.Length <= 1 || attempt > 64)
                throw new InvalidOperationException($"Card is {Encoding.UTF8.GetByteCount(json)} bytes (limit {maxBytes}) and has no user text left to shorten.");
            // A UTF-8 char is at most 4 bytes, JSON-escaped up to 6 per UTF-16 unit: cutting excess/3 chars per round
            // converges in a few rounds without cutting far more than needed.
            var cut = Math.Max(excess / 3, 1) + 1;
            wire = CardLowering.Replace(wire, longest, longest with { Text = Truncate(longest.Text, longest.Text.Length - cut) });
            json = CardJson.Serialize(wire);
        }
        return json;
    }

    /// <summary>The attachment payload pieces, free of SDK types: <see cref="CardAttachment"/> wraps them.</summary>
    public (string ContentType, string Json) ToPayload() => (ContentType, ToJson());

    internal static string Truncate(string text, int length)
    {
        length = Math.Clamp(length, 0, text.Length);
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        var kept = text[..length];
        // Never leave an escaping backslash dangling in front of the ellipsis.
        var trailing = kept.Length - kept.TrimEnd('\\').Length;
        if (trailing % 2 == 1) kept = kept[..^1];
        return kept + "…";
    }

    private void Validate()
    {
        var inputIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in CardLowering.Inputs(this))
        {
            if (string.IsNullOrWhiteSpace(input.Id)) throw new InvalidOperationException("Every input needs an id.");
            if (!inputIds.Add(input.Id)) throw new InvalidOperationException($"Input id '{input.Id}' is used twice.");
            // Renderers require it from 1.3; demanded on every version so builders need not care which they target.
            if (input.IsRequired == true && string.IsNullOrWhiteSpace(input.ErrorMessage))
                throw new InvalidOperationException($"Required input '{input.Id}' needs an ErrorMessage.");
        }
        var needs14 = Refresh is not null ? "refresh" : null;
        foreach (var action in CardLowering.AllActions(this))
        {
            if (action is ActionExecute) needs14 ??= "Action.Execute";
            var data = action switch { ActionSubmit s => s.Data, ActionExecute e => e.Data, _ => null };
            if (data is null) continue;
            foreach (var key in data.Fields.Keys)
                if (inputIds.Contains(key))
                    throw new InvalidOperationException($"Card data field '{key}' collides with an input id; the client would overwrite one with the other.");
        }
        if (needs14 is not null && Version < CardVersion.V1_4)
            throw new InvalidOperationException($"{needs14} needs card version 1.4 or later; this card is {Version.ToText()}.");
        if (Refresh is not null && Refresh.Action is not ActionExecute)
            throw new InvalidOperationException("refresh.action must be an Action.Execute.");
    }
}

public static class CardVersionExtensions
{
    public static string ToText(this CardVersion version) => version switch
    {
        CardVersion.V1_2 => "1.2",
        CardVersion.V1_4 => "1.4",
        CardVersion.V1_5 => "1.5",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };

    /// <summary>Input labels, isRequired and errorMessage arrived in 1.3.</summary>
    public static bool SupportsInputLabels(this CardVersion version) => version >= CardVersion.V1_4;
}

/// <summary>The card exactly as it goes on the wire (after lowering).</summary>
internal sealed record WireCard(
    [property: JsonPropertyOrder(-2)] string Version,
    IReadOnlyList<CardElement> Body,
    IReadOnlyList<CardAction>? Actions,
    CardRefresh? Refresh)
{
    [JsonPropertyOrder(-3)] public string Type => "AdaptiveCard";
    [JsonPropertyName("$schema"), JsonPropertyOrder(-4)] public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(WireCard))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(DateOnly))]
internal sealed partial class CardJsonContext : JsonSerializerContext;

internal static class CardJson
{
    // Relaxed escaping keeps Chinese text as UTF-8 (one \uXXXX per char would triple the size); the JSON is never
    // embedded in HTML, and the serializer still escapes quotes, backslashes and control characters.
    public static readonly CardJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    });

    public static string Serialize(WireCard card) => JsonSerializer.Serialize(card, Context.WireCard);
}
