using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>The notices of a review: to the reviewers when a report arrives, to the student when it is returned.</summary>
public static class ReviewNoticeCard
{
    /// <summary>To the group leader: a report arrived; one tap opens it for review.</summary>
    public static AdaptiveCard Arrived(Language language, string authorName, ObligationKind kind, Period period, int version, long submissionId)
    {
        var t = Texts.Default;
        var key = version > 1 ? "review.notice.arrivedAgain" : "review.notice.arrived";
        return new AdaptiveCard(
            [TextBlock.Trusted(t.Get(language, key, Markdown.Escape(UserText.Clip(authorName)), Formats.Kind(language, kind), Formats.Period(language, period), version)) with { Weight = TextWeight.Bolder }],
            [new ActionSubmit(t.Get(language, "review.notice.open"), CardActionData.For(Verbs.ReviewOpen)
                .With(ReviewCard.SubmissionField, submissionId.ToString(CultureInfo.InvariantCulture)))]);
    }

    /// <summary>To the student: the report came back for rework, with the reason, and a form for the new version.</summary>
    public static AdaptiveCard Returned(Language language, ObligationKind kind, Period period, int version, string reviewerName, string reason)
    {
        var t = Texts.Default;
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "review.notice.returned", Formats.Kind(language, kind), Formats.Period(language, period), version, Markdown.Escape(UserText.Clip(reviewerName))))
                    with { Weight = TextWeight.Bolder, Color = TextColor.Warning },
                new FactSet([Fact.User(t.Get(language, "fact.reason"), UserText.Clip(reason, CardLimits.ReasonMaxLength))]),
                TextBlock.Trusted(t.Get(language, "review.notice.returnedHint")) with { IsSubtle = true },
            ],
            [
                new ActionSubmit(t.Get(language, "review.notice.rewrite"), CardActionData.For(Verbs.ReportForm)
                    .With(Reports.ReportFormCard.KindField, kind.ToString())
                    .With(Reports.ReportFormCard.PeriodField, period.Key)) { Style = ActionStyle.Positive },
                new ActionSubmit(t.Get(language, "reports.read"), CardActionData.For(Verbs.ReportsMine)),
            ]);
    }
}
