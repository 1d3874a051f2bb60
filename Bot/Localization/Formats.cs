using System.Globalization;
using BranchBot.Domain;

namespace BranchBot.Bot.Localization;

/// <summary>Periods, dates and counts as people read them in each language.</summary>
public static class Formats
{
    private static readonly string[] ZhWeekdays = ["日", "一", "二", "三", "四", "五", "六"];

    /// <summary>"2026年11月" / "November 2026"; "2026年第4季度" / "Q4 2026" / "2026年第4季"; "2026年下半年" / "H2 2026".</summary>
    public static string Period(Language language, Period period)
    {
        var (y, n) = (period.Year, period.Number);
        return (period.Cadence, language) switch
        {
            (Cadence.Monthly, Language.EnUs) => new DateTime(y, n, 1).ToString("MMMM yyyy", language.Culture()),
            (Cadence.Monthly, _) => Invariant($"{y}年{n}月"),
            (Cadence.Quarterly, Language.EnUs) => Invariant($"Q{n} {y}"),
            (Cadence.Quarterly, Language.ZhCn) => Invariant($"{y}年第{n}季度"),
            (Cadence.Quarterly, _) => Invariant($"{y}年第{n}季"),
            (_, Language.EnUs) => n == 1 ? Invariant($"first half of {y}") : Invariant($"second half of {y}"),
            _ => n == 1 ? Invariant($"{y}年上半年") : Invariant($"{y}年下半年"),
        };
    }

    /// <summary>"2026年11月30日" / "Nov 30, 2026".</summary>
    public static string Date(Language language, DateOnly date) => language == Language.EnUs
        ? date.ToString("MMM d, yyyy", language.Culture())
        : Invariant($"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>A local time as "2026年11月30日 14:30" / "Nov 30, 2026 14:30".</summary>
    public static string DateTime(Language language, System.DateTime local) =>
        Date(language, DateOnly.FromDateTime(local)) + " " + local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2026年11月30日（周一）" / "Mon, Nov 30, 2026" / "2026年11月30日（週一）".</summary>
    public static string DateWithWeekday(Language language, DateOnly date) => language switch
    {
        Language.EnUs => date.ToString("ddd, MMM d, yyyy", language.Culture()),
        Language.ZhCn => $"{Date(language, date)}（周{ZhWeekdays[(int)date.DayOfWeek]}）",
        _ => $"{Date(language, date)}（週{ZhWeekdays[(int)date.DayOfWeek]}）",
    };

    /// <summary>Length of a report as <see cref="ReportLength"/> counts it: "1,234 字" / "1,234 words".</summary>
    public static string WordCount(Language language, int count) =>
        Texts.Default.Count(language, "wordCount", count);

    public static string Kind(Language language, ObligationKind kind) => Texts.Default.Get(language, KindKey(kind));

    /// <summary>The resource key of a kind's name; throws for a value that is not a named kind.</summary>
    public static string KindKey(ObligationKind kind) =>
        Enum.IsDefined(kind) ? DescribeKind(kind) : throw new ArgumentOutOfRangeException(nameof(kind), kind, null);

    // No `_ =>` arm on purpose: a named kind without a text is error CS8509.
#pragma warning disable CS8524
    private static string DescribeKind(ObligationKind kind) => kind switch
    {
        ObligationKind.ThoughtReport => "kind.thoughtReport",
        ObligationKind.Talk => "kind.talk",
        ObligationKind.BranchReport => "kind.branchReport",
        ObligationKind.ActivistEvaluation => "kind.activistEvaluation",
        ObligationKind.ProbationaryEvaluation => "kind.probationaryEvaluation",
    };
#pragma warning restore CS8524

    public static string Stage(Language language, Stage stage) => Texts.Default.Get(language, stage switch
    {
        Domain.Stage.Applicant => "stage.applicant",
        Domain.Stage.Activist => "stage.activist",
        Domain.Stage.DevelopmentTarget => "stage.developmentTarget",
        Domain.Stage.Probationary => "stage.probationary",
        Domain.Stage.Full => "stage.full",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    });

    public static string Status(Language language, ObligationStatus status) =>
        Texts.Default.Get(language, "obligationStatus." + JsonNamingCamel(status.ToString()));

    public static string TalkAnswer(Language language, TalkAnswer? answer) => Texts.Default.Get(language, answer switch
    {
        Domain.TalkAnswer.Confirmed => "talk.state.confirmed",
        Domain.TalkAnswer.Disputed => "talk.state.disputed",
        null => "talk.state.unconfirmed",
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    });

    public static string TalkMode(Language language, TalkMode mode) => Texts.Default.Get(language, mode switch
    {
        Domain.TalkMode.InPerson => "talkMode.inPerson",
        Domain.TalkMode.Online => "talkMode.online",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    });

    private static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
