namespace BranchBot.Bot.Conversation;

/// <summary>The typed commands the bot answers. The manifest's commandLists must name only these.</summary>
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
}

/// <summary>
/// Every phrase that starts a command, in Simplified Chinese, Traditional Chinese and English. Matching is
/// case-insensitive on the trimmed text with a leading @mention removed. The first English phrase is the
/// manifest command title; the first Simplified Chinese phrase its zh-CN title.
/// </summary>
public static class Commands
{
    public sealed record Entry(Command Command, string[] English, string[] SimplifiedChinese, string[] TraditionalChinese);

    public static readonly IReadOnlyList<Entry> All =
    [
        new(Command.Help, ["help", "?"], ["帮助"], ["幫助"]),
        new(Command.SubmitReport, ["submit report", "report"], ["交思想汇报", "思想汇报", "交汇报"], ["交思想匯報", "思想匯報", "交匯報"]),
        new(Command.MyStatus, ["my status", "status"], ["我的状态", "状态"], ["我的狀態", "狀態"]),
        new(Command.LogTalk, ["log talk", "talk"], ["记录谈话", "谈话"], ["記錄談話", "談話"]),
        new(Command.Overdue, ["overdue"], ["逾期"], ["逾期"]),
        new(Command.BranchSummary, ["branch summary", "summary"], ["支部统计", "统计"], ["支部統計", "統計"]),
        new(Command.Language, ["language"], ["语言"], ["語言"]),
        new(Command.Rules, ["branch rules", "rules"], ["支部规则", "规则"], ["支部規則", "規則"]),
    ];
}
