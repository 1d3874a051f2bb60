namespace BranchBot.Bot.Cards;

/// <summary>Every verb our cards send. The router maps these to handlers; anything else is "error.unknownVerb".</summary>
public static class Verbs
{
    public const string ReportSubmit = "report.submit";
    public const string ExtensionRequest = "extension.request";
}

public static class CardLimits
{
    /// <summary>Longest report text accepted (UTF-16 units, as Input.Text maxLength counts).</summary>
    public const int ReportMaxLength = 20_000;
    public const int ReasonMaxLength = 500;
}
