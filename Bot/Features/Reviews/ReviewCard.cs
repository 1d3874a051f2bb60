using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>
/// The group leader (or committee) reads the latest version of a report in full, with the earlier versions' reviews,
/// and accepts it or returns it for rework with a reason. Schema 1.2: a comment box and two buttons.
/// </summary>
public static class ReviewCard
{
    public const string SubmissionField = "submission";
    public const string DecisionField = "decision";
    public const string CommentInput = "comment";
    public const string Accept = "accept";
    public const string Return = "return";

    public static AdaptiveCard Build(Language language, ReportThread report, string cardId)
    {
        var t = Texts.Default;
        var latest = report.Latest;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "review.title", Markdown.Escape(UserText.Clip(report.AuthorName)), Formats.Kind(language, report.Kind), Formats.Period(language, report.Period)))
                with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            new FactSet(
            [
                Fact.Trusted(t.Get(language, "review.version"), latest.Version.ToString(CultureInfo.InvariantCulture)),
                Fact.Trusted(t.Get(language, "fact.submittedOn"), Formats.Date(language, latest.SubmittedOn)),
                Fact.Trusted(t.Get(language, "fact.length"), Formats.WordCount(language, ReportLength.Count(latest.Text))),
            ]),
            TextBlock.User(latest.Text) with { Spacing = Spacing.Medium },
        };
        body.AddRange(History(language, report.Versions.Take(report.Versions.Count - 1)));
        if (latest.Review is { } done)
        {
            body.Add(TextBlock.Trusted(ReviewLine(language, latest.Version, done)) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            return new AdaptiveCard(body);
        }
        body.Add(new InputText(CommentInput)
        {
            Label = t.Get(language, "review.commentLabel"),
            Placeholder = t.Get(language, "review.commentPlaceholder"),
            IsMultiline = true,
            MaxLength = CardLimits.ReasonMaxLength,
        });
        CardActionData Data(string decision) => CardActionData.For(Verbs.ReviewDecide, cardId)
            .With(SubmissionField, latest.SubmissionId.ToString(CultureInfo.InvariantCulture))
            .With(DecisionField, decision);
        return new AdaptiveCard(body,
        [
            new ActionSubmit(t.Get(language, "review.accept"), Data(Accept)) { Style = ActionStyle.Positive },
            new ActionSubmit(t.Get(language, "review.return"), Data(Return)) { Style = ActionStyle.Destructive },
        ]);
    }

    /// <summary>The earlier versions with their reviews: what both the student and the reviewer see of the history.</summary>
    public static IEnumerable<CardElement> History(Language language, IEnumerable<VersionView> versions)
    {
        var lines = versions.Select(v => "- " + VersionLine(language, v)).ToList();
        if (lines.Count == 0) yield break;
        yield return TextBlock.Trusted(Texts.Default.Get(language, "review.history")) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium };
        yield return TextBlock.Trusted(string.Join("\n", lines));
    }

    public static string VersionLine(Language language, VersionView version)
    {
        var t = Texts.Default;
        var submitted = t.Get(language, "review.versionLine", version.Version, Formats.Date(language, version.SubmittedOn));
        return version.Review is { } r ? submitted + " · " + ReviewLine(language, version.Version, r) : submitted + " · " + t.Get(language, "review.pending");
    }

    public static string ReviewLine(Language language, int version, ReviewView review)
    {
        var t = Texts.Default;
        var who = Markdown.Escape(UserText.Clip(review.ReviewerName));
        var comment = string.IsNullOrWhiteSpace(review.Comment) ? "" : t.Get(language, "review.commentQuote", Markdown.Escape(UserText.Clip(review.Comment, CardLimits.ReasonMaxLength)));
        var key = review.Verdict == ReviewVerdict.Accepted ? "review.acceptedBy" : "review.returnedBy";
        return t.Get(language, key, version, who, Formats.Date(language, review.On)) + comment;
    }

    public static AdaptiveCard Decided(string text) =>
        new([TextBlock.Trusted(UserText.Clip(text, 600)) with { Weight = TextWeight.Bolder }]);
}
