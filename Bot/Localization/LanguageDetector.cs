using System.Collections.Frozen;
using System.Globalization;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Localization;

/// <summary>Guesses the language of a typed command, so the bot answers in the language the person just used.</summary>
public static class LanguageDetector
{
    // Characters whose simplified form differs, as people type them in commands and short messages. The command
    // catalogue's own traditional-only characters are added, so every zh-Hant command phrase is recognised.
    private const string CommonTraditionalOnly =
        "們個這說時會經對與為學習黨組員書當過還後來麼變間請謝見點嗎問題幫記錄談話狀態報匯統計語設寫應開關網線長讓從歡幾歲號碼別陽務處確認選擇轉聯繫導師週歷實驗課餘";

    private static readonly FrozenSet<char> TraditionalOnly = BuildTraditionalOnly();

    public static Language? FromTypedText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        bool cjk = false, traditional = false, latin = false;
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                cjk = true;
                if (TraditionalOnly.Contains(c)) { traditional = true; break; }
            }
            else if (char.IsAsciiLetter(c)) latin = true;
        }
        if (cjk) return traditional ? Language.ZhTw : Language.ZhCn;
        return latin ? Language.EnUs : null;
    }

    internal static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    private static FrozenSet<char> BuildTraditionalOnly()
    {
        var simplified = Commands.All.SelectMany(e => e.SimplifiedChinese).SelectMany(p => p).ToHashSet();
        var fromCatalogue = Commands.All.SelectMany(e => e.TraditionalChinese).SelectMany(p => p).Where(c => IsCjk(c) && !simplified.Contains(c));
        return CommonTraditionalOnly.Concat(fromCatalogue).ToFrozenSet();
    }
}
