using System.Text;

namespace BranchBot.Bot.Cards;

/// <summary>
/// Neutralises markdown in text a person wrote before it goes into a TextBlock or Fact.
/// Two tiers, because Teams clients disagree on backslash escapes (older mobile builds showed the backslash):
/// characters that could build a link, a mention or a date template (<c>[ ] &lt; &gt;</c>, <c>{{ }}</c>,
/// <c>&amp;entity;</c>) are replaced by full-width look-alikes or broken with a zero-width space, so no renderer
/// can make a link out of them; emphasis, code, heading, quote and list syntax is backslash-escaped, where the
/// worst case is a visible backslash, never formatting.
/// </summary>
public static class Markdown
{
    private const char ZeroWidthSpace = '\u200B';

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(text.Length + 16);
        var atLineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                c = '\n';
            }
            if (c == '\n')
            {
                sb.Append('\n');
                atLineStart = true;
                continue;
            }
            if (IsInvisibleControl(c)) continue;

            if (atLineStart)
            {
                if (c is ' ' or '\t') { sb.Append(c); continue; }
                atLineStart = false;
                if (c is '-' or '+' or '=' or '#' or '>' or '|')
                {
                    sb.Append('\\').Append(c);
                    continue;
                }
                if (char.IsAsciiDigit(c))
                {
                    // "1." or "1)" at the start of a line makes an ordered list.
                    var j = i;
                    while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                    sb.Append(text, i, j - i);
                    if (j < text.Length && text[j] is '.' or ')') { sb.Append('\\').Append(text[j]); j++; }
                    i = j - 1;
                    continue;
                }
            }

            switch (c)
            {
                case '\\' or '*' or '_' or '`' or '~' or '(' or ')' or '!' or '#':
                    sb.Append('\\').Append(c);
                    break;
                case '[': sb.Append('［'); break;
                case ']': sb.Append('］'); break;
                case '<': sb.Append('＜'); break;
                case '>': sb.Append('＞'); break;
                case '{' or '}' when i + 1 < text.Length && text[i + 1] == c:
                    sb.Append(c).Append(ZeroWidthSpace);
                    break;
                case '&' when LooksLikeEntity(text, i):
                    sb.Append('＆');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static bool LooksLikeEntity(string text, int ampersand)
    {
        var j = ampersand + 1;
        if (j < text.Length && text[j] == '#') j++;
        var start = j;
        while (j < text.Length && j - start < 32 && char.IsAsciiLetterOrDigit(text[j])) j++;
        return j > start && j < text.Length && text[j] == ';';
    }

    // Control characters and bidi overrides can hide or reorder text (a "‮" can make a name read backwards).
    private static bool IsInvisibleControl(char c) =>
        (char.IsControl(c) && c != '\t') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
