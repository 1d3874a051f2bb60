using System.Globalization;

namespace BranchBot.Domain;

/// <summary>
/// Report length the way a Chinese reader counts it: every Han character (and kana, hangul) is one; a run of
/// Latin letters or digits is one word; punctuation, spaces and emoji count nothing. The one definition used by the
/// hand-in check, the form's hint, the overdue list and <see cref="PolicyRule.IsLongEnough"/>.
/// </summary>
public static class ReportLength
{
    /// <summary>Whether a text reaches a minimum length (a minimum of 0 accepts anything, even no text).</summary>
    public static bool IsLongEnough(string? text, int minLength) => minLength <= 0 || Count(text) >= minLength;

    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var count = 0;
        var inWord = false;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            var rune = System.Text.Rune.GetRuneAt(element, 0);
            if (IsCountedIndividually(rune))
            {
                count++;
                inWord = false;
            }
            else if (System.Text.Rune.IsLetterOrDigit(rune) || (inWord && rune.Value is '\'' or '’' or '-'))
            {
                if (!inWord) count++;
                inWord = true;
            }
            else inWord = false;
        }
        return count;
    }

    private static bool IsCountedIndividually(System.Text.Rune rune) => rune.Value switch
    {
        >= 0x4E00 and <= 0x9FFF => true,   // CJK unified ideographs
        >= 0x3400 and <= 0x4DBF => true,   // extension A
        >= 0x20000 and <= 0x3134F => true, // extensions B–G
        >= 0xF900 and <= 0xFAFF => true,   // compatibility ideographs
        >= 0x3040 and <= 0x30FF => true,   // kana
        >= 0xAC00 and <= 0xD7AF => true,   // hangul syllables
        _ => false,
    };
}
