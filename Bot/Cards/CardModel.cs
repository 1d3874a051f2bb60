using System.Text.Json;
using System.Text.Json.Serialization;

namespace BranchBot.Bot.Cards;

/// <summary>Schema versions we emit. Teams renders up to 1.5; Teams mobile reliably only 1.2.</summary>
public enum CardVersion { V1_2, V1_4, V1_5 }

public enum TextWeight { Default, Lighter, Bolder }
public enum TextSize { Default, Small, Medium, Large, ExtraLarge }
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }
public enum Spacing { None, Small, Default, Medium, Large, ExtraLarge, Padding }

public enum ChoiceStyle
{
    [JsonStringEnumMemberName("compact")] Compact,
    [JsonStringEnumMemberName("expanded")] Expanded,
}

public enum ActionStyle
{
    [JsonStringEnumMemberName("default")] Default,
    [JsonStringEnumMemberName("positive")] Positive,
    [JsonStringEnumMemberName("destructive")] Destructive,
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
public abstract record CardElement
{
    public Spacing? Spacing { get; init; }
    public bool? Separator { get; init; }
}

/// <summary>
/// Text. Its markdown is rendered, so it is built either from text we wrote (<see cref="Trusted"/>, resources)
/// or from anything a person typed (<see cref="User"/>, neutralised by <see cref="Markdown.Escape"/>).
/// </summary>
public sealed record TextBlock : CardElement
{
    private TextBlock(string text, bool fromUser)
    {
        Text = text;
        IsUserText = fromUser;
    }

    public static TextBlock Trusted(string text) => new(text, fromUser: false);
    public static TextBlock User(string? text) => new(Markdown.Escape(text), fromUser: true);

    public string Text { get; init; }
    public TextWeight? Weight { get; init; }
    public TextSize? Size { get; init; }
    public bool? Wrap { get; init; } = true;
    public bool? IsSubtle { get; init; }
    public TextColor? Color { get; init; }

    /// <summary>User text may be shortened by the size guard; our own text never is.</summary>
    [JsonIgnore] public bool IsUserText { get; }
}

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

/// <summary>A title/value row. Fact values render markdown too, so they are escaped unless built with <see cref="Trusted"/>.</summary>
public sealed record Fact
{
    private Fact(string title, string value) { Title = title; Value = value; }
    public static Fact Trusted(string title, string value) => new(title, value);
    public static Fact User(string title, string? value) => new(title, Markdown.Escape(value));
    public string Title { get; init; }
    public string Value { get; init; }
}

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement;

/// <summary>Buttons inside the body (schema 1.2), e.g. one row per person in a list.</summary>
public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement;

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement;

public sealed record Column(IReadOnlyList<CardElement> Items)
{
    [JsonPropertyOrder(-1)] public string Type => "Column";
    /// <summary>"auto", "stretch" or a relative weight like "2".</summary>
    public string? Width { get; init; }
}

/// <summary>
/// Inputs. Label, IsRequired and ErrorMessage exist from schema 1.3; on a 1.2 card the serializer drops them
/// and puts the label in a TextBlock above the input instead (see <see cref="AdaptiveCard.ToJson"/>).
/// The server validates required fields whatever the client did.
/// </summary>
public abstract record CardInput(string Id) : CardElement
{
    [JsonPropertyOrder(-1)] public string Id { get; init; } = Id;
    public string? Label { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record InputText(string Id) : CardInput(Id)
{
    public string? Placeholder { get; init; }
    public bool? IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    /// <summary>Input values are not markdown: any text round-trips exactly.</summary>
    public string? Value { get; init; }
}

public sealed record InputDate(string Id) : CardInput(Id)
{
    public DateOnly? Value { get; init; }
    public DateOnly? Min { get; init; }
    public DateOnly? Max { get; init; }
}

public sealed record Choice(string Title, string Value);

public sealed record InputChoiceSet(string Id, IReadOnlyList<Choice> Choices) : CardInput(Id)
{
    public ChoiceStyle? Style { get; init; }
    public string? Value { get; init; }
    /// <summary>Schema 1.3+ only: dropped on a 1.2 card.</summary>
    public string? Placeholder { get; init; }
}

public sealed record InputToggle(string Id, string Title) : CardInput(Id)
{
    public string? Value { get; init; }
    public string? ValueOn { get; init; }
    public string? ValueOff { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionSubmit), "Action.Submit")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionShowCard), "Action.ShowCard")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
public abstract record CardAction(string Title)
{
    [JsonPropertyOrder(-1)] public string Title { get; init; } = Title;
    public ActionStyle? Style { get; init; }
}

public sealed record ActionSubmit(string Title, CardActionData Data) : CardAction(Title)
{
    public CardActionData Data { get; init; } = Data;
}

/// <summary>
/// Universal Action (card 1.4+, invoke <c>adaptiveCard/action</c>). Carries an <c>Action.Submit</c> fallback with
/// the same data so older clients still reach the same verb.
/// </summary>
public sealed record ActionExecute(string Title, CardActionData Data) : CardAction(Title)
{
    public string Verb => Data.Verb;
    public CardActionData Data { get; init; } = Data;
    public CardAction Fallback => new ActionSubmit(Title, Data) { Style = Style };
}

/// <summary>
/// Opens a link in the client's browser (schema 1.0+, so a 1.2 card may carry it). Only absolute http(s) links: the
/// client hands anything else to the operating system. It sends nothing to the bot, so it carries no card data.
/// </summary>
public sealed record ActionOpenUrl : CardAction
{
    public ActionOpenUrl(string title, Uri url) : base(title)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"Action.OpenUrl needs an absolute http or https link (was '{url}').", nameof(url));
        Url = url;
    }

    public Uri Url { get; init; }
}

public sealed record ActionShowCard(string Title, ShowCardContent Card) : CardAction(Title)
{
    public ShowCardContent Card { get; init; } = Card;
}

/// <summary>The card an <see cref="ActionShowCard"/> opens; it inherits the outer card's version.</summary>
public sealed record ShowCardContent(IReadOnlyList<CardElement> Body, IReadOnlyList<CardAction>? Actions = null)
{
    [JsonPropertyOrder(-1)] public string Type => "AdaptiveCard";
}

/// <summary>Card 1.4+: clients listed in <see cref="UserIds"/> (at most 60) fetch a fresh card via the action.</summary>
public sealed record CardRefresh
{
    public const int MaxUserIds = 60;

    public CardRefresh(ActionExecute action, IReadOnlyList<string>? userIds = null)
    {
        if (userIds is { Count: > MaxUserIds })
            throw new ArgumentException($"Adaptive Card refresh.userIds holds at most {MaxUserIds} ids; got {userIds.Count}.", nameof(userIds));
        Action = action;
        UserIds = userIds;
    }

    public CardAction Action { get; }
    public IReadOnlyList<string>? UserIds { get; }
}

/// <summary>
/// The <c>data</c> of a submit: <c>{ "verb": "...", "cardId": "...", ...fields }</c>. Inputs are merged into the
/// same object by the client, so field names must not collide with input ids (checked at serialization).
/// Never put the acting person's identity here: the handler takes it from the activity.
/// </summary>
public sealed class CardActionData
{
    private readonly Dictionary<string, JsonElement> fields;

    private CardActionData(string verb, string? cardId, Dictionary<string, JsonElement> fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        Verb = verb;
        CardId = cardId;
        this.fields = fields;
    }

    public static CardActionData For(string verb, string? cardId = null) => new(verb, cardId, new(StringComparer.Ordinal));

    [JsonPropertyOrder(-2)] public string Verb { get; }
    [JsonPropertyOrder(-1)] public string? CardId { get; }

    [JsonExtensionData] public IDictionary<string, JsonElement> Fields => fields;

    public CardActionData With(string name, string value) => With(name, JsonSerializer.SerializeToElement(value, CardJson.Context.String));
    public CardActionData With(string name, int value) => With(name, JsonSerializer.SerializeToElement(value, CardJson.Context.Int32));
    public CardActionData With(string name, DateOnly value) => With(name, JsonSerializer.SerializeToElement(value, CardJson.Context.DateOnly));

    private CardActionData With(string name, JsonElement value)
    {
        if (name is CardData.VerbField or CardData.CardIdField)
            throw new ArgumentException($"'{name}' is reserved in card data.", nameof(name));
        return new CardActionData(Verb, CardId, new Dictionary<string, JsonElement>(fields, StringComparer.Ordinal) { [name] = value });
    }
}
