using System.Globalization;
using System.Text.Json;
using BranchBot.Domain;

namespace BranchBot.Bot.Cards;

public enum CardDataErrorCode
{
    /// <summary><c>activity.value</c> is missing or not a JSON object.</summary>
    NotAnObject,
    /// <summary>No verb, or one the router does not know.</summary>
    UnknownVerb,
    MissingField,
    TooLong,
    BadDate,
    BadNumber,
    BadChoice,
    BadPeriod,
    /// <summary>A reference that is not even well-formed: forged or from a foreign card.</summary>
    BadReference,
}

/// <summary>Why card data was refused: a code, the field, and the localisation key to answer with.</summary>
public sealed record CardDataError(CardDataErrorCode Code, string? Field = null, int? Limit = null, int? Actual = null)
{
    public string TextKey => Code switch
    {
        CardDataErrorCode.NotAnObject => "error.badCard",
        CardDataErrorCode.UnknownVerb => "error.unknownVerb",
        CardDataErrorCode.MissingField => "error.missingField",
        CardDataErrorCode.TooLong => "error.tooLong",
        CardDataErrorCode.BadDate => "error.badDate",
        CardDataErrorCode.BadNumber => "error.badNumber",
        CardDataErrorCode.BadChoice => "error.badChoice",
        CardDataErrorCode.BadPeriod => "error.badPeriod",
        CardDataErrorCode.BadReference => "error.forgedId",
        _ => "error.badCard",
    };
}

/// <summary>
/// The untrusted object a card submit sends (<c>activity.value</c>): our data (<c>verb</c>, <c>cardId</c>, fields)
/// merged with the inputs. Readers never throw: the first problem is kept in <see cref="Error"/> and later reads
/// return defaults, so a handler reads everything and checks once. There is deliberately no reader for "who am I":
/// identity comes from the activity; references read here are re-checked against the caller by the handler.
/// </summary>
public sealed class CardData
{
    public const string VerbField = "verb";
    public const string CardIdField = "cardId";
    public const int MaxVerbLength = 64;
    public const int MaxReferenceLength = 64;

    private readonly JsonElement root;

    private CardData(JsonElement root, string verb, string? cardId)
    {
        this.root = root;
        Verb = verb;
        CardId = cardId;
    }

    public string Verb { get; }
    public string? CardId { get; }
    public CardDataError? Error { get; private set; }
    public bool IsValid => Error is null;

    public static bool TryParse(string? json, out CardData? data, out CardDataError? error)
    {
        data = null;
        if (string.IsNullOrWhiteSpace(json)) { error = new(CardDataErrorCode.NotAnObject); return false; }
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return TryParse(doc.RootElement.Clone(), out data, out error);
        }
        catch (JsonException)
        {
            error = new(CardDataErrorCode.NotAnObject);
            return false;
        }
    }

    public static bool TryParse(JsonElement value, out CardData? data, out CardDataError? error)
    {
        data = null;
        if (value.ValueKind != JsonValueKind.Object) { error = new(CardDataErrorCode.NotAnObject); return false; }
        if (!value.TryGetProperty(VerbField, out var verb) || verb.ValueKind != JsonValueKind.String
            || verb.GetString() is not { Length: > 0 and <= MaxVerbLength } verbText)
        {
            error = new(CardDataErrorCode.UnknownVerb, VerbField);
            return false;
        }
        string? cardId = null;
        if (value.TryGetProperty(CardIdField, out var id) && id.ValueKind != JsonValueKind.Null)
        {
            if (id.ValueKind != JsonValueKind.String || !IsReference(id.GetString()))
            {
                error = new(CardDataErrorCode.BadReference, CardIdField);
                return false;
            }
            cardId = id.GetString();
        }
        error = null;
        data = new CardData(value, verbText, cardId);
        return true;
    }

    /// <summary>Text, trimmed, CRLF normalised; empty counts as missing. Length is in UTF-16 units, as Input.Text maxLength.</summary>
    public string? String(string field, int maxLength, bool required = true)
    {
        if (!Raw(field, required, out var raw)) return null;
        if (raw.ValueKind != JsonValueKind.String) return Fail<string>(new(CardDataErrorCode.MissingField, field));
        var text = raw.GetString()!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0) return required ? Fail<string>(new(CardDataErrorCode.MissingField, field)) : null;
        if (text.Length > maxLength) return Fail<string>(new(CardDataErrorCode.TooLong, field, maxLength, text.Length));
        return text;
    }

    /// <summary>A date as Input.Date sends it: yyyy-MM-dd.</summary>
    public DateOnly? Date(string field, bool required = true)
    {
        var text = String(field, 32, required);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : FailValue<DateOnly>(new(CardDataErrorCode.BadDate, field));
    }

    /// <summary>
    /// An integer sent as a JSON number or as text (Input.Number and ChoiceSet send text): digits with an optional
    /// leading '-', nothing else ("+3", " 3", "3.0", "1e3", "03" are refused).
    /// </summary>
    public int? Int(string field, int min, int max, bool required = true)
    {
        if (!Raw(field, required, out var raw)) return null;
        var text = raw.ValueKind switch
        {
            JsonValueKind.Number => raw.GetRawText(),
            JsonValueKind.String => raw.GetString(),
            _ => null,
        };
        if (IsPlainInteger(text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        return FailValue<int>(new(CardDataErrorCode.BadNumber, field, max));
    }

    public Period? Period(string field, bool required = true)
    {
        var text = String(field, 8, required);
        if (text is null) return null;
        return Domain.Period.TryParse(text, out var period) ? period : Fail<Period>(new(CardDataErrorCode.BadPeriod, field));
    }

    /// <summary>
    /// Exactly one of the enum's names, as our choice sets send them: case-sensitive and untrimmed; numbers,
    /// combinations ("InPerson,Online") and padded names are refused. Empty counts as missing.
    /// </summary>
    public T? Choice<T>(string field, bool required = true) where T : struct, Enum
    {
        if (!Raw(field, required, out var raw)) return null;
        if (raw.ValueKind != JsonValueKind.String) return FailValue<T>(new(CardDataErrorCode.BadChoice, field));
        var text = raw.GetString()!;
        if (text.Length == 0) return required ? FailValue<T>(new(CardDataErrorCode.MissingField, field)) : null;
        return IsName<T>(text) ? Enum.Parse<T>(text, ignoreCase: false) : FailValue<T>(new(CardDataErrorCode.BadChoice, field));
    }

    private static bool IsName<T>(string? text) where T : struct, Enum =>
        text is not null && Enum.GetNames<T>().Contains(text, StringComparer.Ordinal);

    /// <summary>Input.Toggle sends "true"/"false"; missing means false.</summary>
    public bool Toggle(string field)
    {
        if (!Raw(field, required: false, out var raw)) return false;
        return raw.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when raw.GetString() is "true" => true,
            JsonValueKind.String when raw.GetString() is "false" or "" => false,
            _ => FailValue<bool>(new(CardDataErrorCode.BadChoice, field)) ?? false,
        };
    }

    /// <summary>
    /// An opaque id of something the card pointed at (an obligation, a mentee, an extension): letters, digits,
    /// '-', '_', ':' and '.', at most 64. Well-formed says nothing about ownership: the handler re-checks it.
    /// </summary>
    public string? Reference(string field, bool required = true)
    {
        if (!Raw(field, required, out var raw)) return null;
        var text = raw.ValueKind switch
        {
            JsonValueKind.String => raw.GetString(),
            JsonValueKind.Number => raw.GetRawText(),
            _ => null,
        };
        return IsReference(text) ? text : Fail<string>(new(CardDataErrorCode.BadReference, field));
    }

    private static bool IsPlainInteger(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var digits = text[0] == '-' ? text.AsSpan(1) : text.AsSpan();
        return digits.Length is > 0 and <= 10 && !(digits.Length > 1 && digits[0] == '0') && digits.IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static bool IsReference(string? text) =>
        text is { Length: > 0 and <= MaxReferenceLength } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.');

    private bool Raw(string field, bool required, out JsonElement raw)
    {
        raw = default;
        if (Error is not null) return false;
        if (root.TryGetProperty(field, out raw) && raw.ValueKind != JsonValueKind.Null) return true;
        if (required) Error = new(CardDataErrorCode.MissingField, field);
        return false;
    }

    private T? Fail<T>(CardDataError error) where T : class
    {
        Error ??= error;
        return null;
    }

    private T? FailValue<T>(CardDataError error) where T : struct
    {
        Error ??= error;
        return null;
    }
}
