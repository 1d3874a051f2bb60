using System.Collections.Frozen;
using System.Globalization;

namespace BranchBot.Bot.Localization;

/// <summary>Guesses the language of a typed command, so the bot answers in the language the person just used.</summary>
public static class LanguageDetector
{
    // Characters whose simplified form differs, as people type them in commands and short messages. The command
    // catalogue passes its own traditional-only characters (Commands.LanguageOf), so every zh-Hant phrase is recognised.
    private const string CommonTraditionalOnly =
        "們個這說時會經對與為學習黨組員書當過還後來麼變間請謝見點嗎問題幫記錄談話狀態報匯統計語設寫應開關網線長讓從歡幾歲號碼別陽務處確認選擇轉聯繫導師週歷實驗課餘";

    private static readonly FrozenSet<char> TraditionalOnly = CommonTraditionalOnly.ToFrozenSet();

    public static Language? FromTypedText(string? text) => FromTypedText(text, FrozenSet<char>.Empty);

    public static Language? FromTypedText(string? text, IReadOnlySet<char> alsoTraditional)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        bool cjk = false, traditional = false, latin = false;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk = true;
                if (TraditionalOnly.Contains(c) || alsoTraditional.Contains(c)) { traditional = true; break; }
            }
            else if (char.IsAsciiLetter(c)) latin = true;
        }
        if (cjk) return traditional ? Language.ZhTw : Language.ZhCn;
        return latin ? Language.EnUs : null;
    }

    internal static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
