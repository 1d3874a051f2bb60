using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace BranchBot.Bot.Tab;

/// <summary>
/// Markup that is already safe. The only ways to get one are <see cref="Html.Of"/> (an interpolated string whose
/// every hole is HTML-encoded unless it is itself markup), <see cref="Html.Join"/> and <see cref="Html.Raw"/> for our
/// own constant markup. User text therefore can never break a page: it can only ever be a hole.
/// </summary>
public readonly struct Markup(string value)
{
    public string Value => value ?? "";

    public override string ToString() => Value;

    public static Markup Empty => new("");
}

public static class Html
{
    public static Markup Of(ref HtmlHandler html) => html.ToMarkup();

    public static Markup Join(IEnumerable<Markup> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>Our own constant markup (never user text).</summary>
    public static Markup Raw(string constant) => new(constant);

    // Chinese passes as itself (not as &#x...; entities); <, >, &, quotes and everything unsafe are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// A value as JSON for a <c>&lt;script type="application/json"&gt;</c> block: System.Text.Json's default encoder writes
    /// &lt;, &gt;, &amp; and quotes as \u escapes, so no text inside can close the script element.
    /// </summary>
    public static Markup Json<T>(T value) => new(System.Text.Json.JsonSerializer.Serialize(value));

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    /// <summary>Encodes every hole; a hole that is already <see cref="Markup"/> goes in as it is.</summary>
    [InterpolatedStringHandler]
    public ref struct HtmlHandler
    {
        private readonly StringBuilder _builder;

        public HtmlHandler(int literalLength, int formattedCount)
        {
            _builder = new StringBuilder(literalLength + formattedCount * 16);
        }

        public readonly void AppendLiteral(string literal) => _builder.Append(literal);

        public readonly void AppendFormatted(Markup markup) => _builder.Append(markup.Value);

        public readonly void AppendFormatted(IEnumerable<Markup> markup)
        {
            foreach (var part in markup) _builder.Append(part.Value);
        }

        public readonly void AppendFormatted(string? text) => _builder.Append(Encode(text));

        public readonly void AppendFormatted<T>(T value, string? format = null)
        {
            // A List<Markup> or a Markup boxed in a generic hole is still markup.
            if (value is Markup markup) { AppendFormatted(markup); return; }
            if (value is IEnumerable<Markup> parts) { AppendFormatted(parts); return; }
            var text = value is IFormattable f ? f.ToString(format, CultureInfo.InvariantCulture) : value?.ToString();
            _builder.Append(Encode(text));
        }

        internal readonly Markup ToMarkup() => new(_builder.ToString());
    }
}
