using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>"My reports": what a student handed in, every version with its review, each readable again in full.</summary>
public static class MyReportsCard
{
    public const int MaxReports = 8;

    public static AdaptiveCard Build(Language language, IReadOnlyList<ReportThread> reports)
    {
        var t = Texts.Default;
        var body = new List<CardElement> { TextBlock.Trusted(t.Get(language, "reports.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium } };
        if (reports.Count == 0) body.Add(TextBlock.Trusted(t.Get(language, "reports.none")));
        foreach (var report in reports.Take(MaxReports))
        {
            body.Add(TextBlock.Trusted(t.Get(language, "reports.item", Formats.Kind(language, report.Kind), Formats.Period(language, report.Period), State(language, report.Latest)))
                with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(TextBlock.Trusted(string.Join("\n", report.Versions.Select(v => "- " + ReviewCard.VersionLine(language, v)))));
            body.Add(new ActionSet([new ActionSubmit(t.Get(language, "reports.readVersion", report.Latest.Version),
                CardActionData.For(Verbs.ReportRead).With(ReviewCard.SubmissionField, report.Latest.SubmissionId.ToString(CultureInfo.InvariantCulture)))]));
        }
        return new AdaptiveCard(body);
    }

    private static string State(Language language, VersionView latest) => Texts.Default.Get(language, latest.Review?.Verdict switch
    {
        ReviewVerdict.Accepted => "reports.state.accepted",
        ReviewVerdict.Returned => "reports.state.returned",
        _ => "reports.state.pending",
    });

    /// <summary>One version in full, for its author (or a reviewer) to read again.</summary>
    public static AdaptiveCard Text(Language language, ReportThread report, VersionView version)
    {
        var t = Texts.Default;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "reports.textTitle", Formats.Kind(language, report.Kind), Formats.Period(language, report.Period), version.Version))
                with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(ReviewCard.VersionLine(language, version)) with { IsSubtle = true },
            TextBlock.User(version.Text) with { Spacing = Spacing.Medium },
        };
        return new AdaptiveCard(body);
    }
}
