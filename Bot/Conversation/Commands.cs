using System.Collections.Frozen;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Conversation;

/// <summary>
/// The typed commands the bot answers. The listed ones are the manifest's command list, in this order (Teams shows at
/// most 12, ../shared/TEAMS.md); the others are answered just the same and named in the help card.
/// </summary>
public enum Command
{
    Help,
    SubmitReport,
    MyStatus,
    LogTalk,
    Overdue,
    BranchSummary,
    Language,
    Rules,
    // Meetings (三会一课)
    MeetingsSchedule,
    // The yearly export
    YearlyExport,
    // The academic calendar
    RecordLeave,
    // Evaluations (its card also opens the Party school)
    HalfYearlyEvaluation,
    // Party dues (unlisted: the manifest's list is full)
    Dues,
    // Graduate transfers (组织关系转接), unlisted
    Transfers,
    // The academic calendar's spans (校历), unlisted
    AcademicCalendar,
    // The semester assessment sheet (考察表)
    AssessmentSheet,
}

/// <summary>
/// Every phrase that starts a command, in Simplified Chinese, Traditional Chinese and English, as the features
/// declare them. Matching is case-insensitive on the trimmed text with a leading @mention removed. The first English
/// phrase is the manifest command title; the first Simplified Chinese phrase its zh-CN title.
/// </summary>
public static class Commands
{
    /// <param name="TakesArgument">The phrase may be followed by words the flow reads from <see cref="Turn.Argument"/> (年度导出 2025).</param>
    /// <param name="Listed">The command is in the manifest's command list (the 12 that Teams offers as you type).</param>
    public sealed record Entry(Command Command, string[] English, string[] SimplifiedChinese, string[] TraditionalChinese, bool TakesArgument = false, bool Listed = true);

    public static readonly IReadOnlyList<Entry> All = [.. Features.Features.All.SelectMany(f => f.TypedCommands).Select(c => c.Phrases).OrderBy(e => e.Command)];

    /// <summary>The commands of the manifest's command list, in its order.</summary>
    public static readonly IReadOnlyList<Entry> Listed = [.. All.Where(e => e.Listed)];

    /// <summary>The catalogue's own traditional-only characters, so that every zh-Hant phrase is recognised as such.</summary>
    public static readonly FrozenSet<char> TraditionalOnly = BuildTraditionalOnly();

    /// <summary>The language of a typed command.</summary>
    public static Language? LanguageOf(string? text) => LanguageDetector.FromTypedText(text, TraditionalOnly);

    private static FrozenSet<char> BuildTraditionalOnly()
    {
        var simplified = All.SelectMany(e => e.SimplifiedChinese).SelectMany(p => p).ToHashSet();
        return All.SelectMany(e => e.TraditionalChinese).SelectMany(p => p).Where(c => LanguageDetector.IsCjk(c) && !simplified.Contains(c)).ToFrozenSet();
    }
}
