namespace BranchBot.Bot.Cards;

/// <summary>Every verb our cards send. The router maps these to handlers; anything else is "error.unknownVerb".</summary>
public static class Verbs
{
    public const string ReportForm = "report.form";
    public const string ReportSubmit = "report.submit";
    public const string ExtensionRequest = "extension.request";
    public const string ExtensionDecide = "extension.decide";
    /// <summary>Opens the talk form; reminders preselect the mentee by student number in <c>mentee</c>.</summary>
    public const string TalkForm = "talk.form";
    public const string TalkSubmit = "talk.submit";
    /// <summary>Opens the interactive overdue list (the leader's summary links to it).</summary>
    public const string OverdueShow = "overdue.show";
    /// <summary>Another page or view of the overdue list: <c>scope</c> (Group/Branch) and <c>page</c>, both re-checked.</summary>
    public const string OverduePage = "overdue.page";
    public const string OverdueNudge = "overdue.nudge";
    public const string OverdueNudgeAll = "overdue.nudgeAll";
    public const string OverdueExcuse = "overdue.excuse";
    public const string StatusShow = "status.show";
    public const string LanguageSet = "language.set";
    /// <summary>The committee saves the policy card; <c>version</c> is the policy change the card was built from.</summary>
    public const string PolicySave = "policy.save";
}

public static class CardLimits
{
    /// <summary>Longest report text accepted (UTF-16 units, as Input.Text maxLength counts).</summary>
    public const int ReportMaxLength = 20_000;
    public const int ReasonMaxLength = 500;
    public const int TopicMaxLength = 200;
    public const int SummaryMaxLength = 5_000;
    public const int FollowUpMaxLength = 1_000;
}
