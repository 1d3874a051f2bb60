using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>
/// Thought-report review: the group leader (or the committee) opens a report, accepts it or returns it with a reason;
/// the student reads back what they handed in, every version with its review.
/// </summary>
public sealed class ReviewFlow(ReviewNotices notices, ILogger<ReviewFlow> logger)
{
    public async Task<Reply> OpenAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(ReviewCard.SubmissionField);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var report = TryId(reference, out var id) ? await ThreadAsync(turn.Db, turn.Branch, id, withTexts: true, cancellationToken) : null;
        if (report is null) return new Reply.Refused(turn.T("error.forgedId"));
        if (await RefusedReviewerAsync(turn, report, cancellationToken) is { } refused) return refused;
        return Reply.Show(ReviewCard.Build(turn.Language, report, ReportFlow.NewCardId()));
    }

    public async Task<Reply> DecideAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(ReviewCard.SubmissionField);
        var decision = data.String(ReviewCard.DecisionField, 16);
        var comment = data.String(ReviewCard.CommentInput, CardLimits.ReasonMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!TryId(reference, out var id) || decision is not (ReviewCard.Accept or ReviewCard.Return)) return new Reply.Refused(turn.T("error.forgedId"));

        var report = await ThreadAsync(turn.Db, turn.Branch, id, withTexts: false, cancellationToken);
        if (report is null) return new Reply.Refused(turn.T("error.forgedId"));
        if (await RefusedReviewerAsync(turn, report, cancellationToken) is { } refused) return refused;
        var decided = report.Versions.First(v => v.SubmissionId == id);
        if (decided.Review is { } earlier) return AlreadyReviewed(turn, decided.Version, earlier);
        // A card for an older version: the student has handed in a newer one since, and that is the one to decide.
        if (report.Latest.SubmissionId != id) return new Reply.Refused(turn.T("review.stale", decided.Version, report.Latest.Version));

        var verdict = decision == ReviewCard.Accept ? ReviewVerdict.Accepted : ReviewVerdict.Returned;
        if (verdict == ReviewVerdict.Returned)
        {
            if (string.IsNullOrWhiteSpace(comment)) return new Reply.Refused(turn.T("review.reasonNeeded"));
            // Returned after the hand-in window closed, the student could not hand in the new version.
            if (HandInWindow.IsClosed(report.Period, turn.Today, regularDueDate: await ReportFlow.RegularDueDateAsync(turn, report.Period, cancellationToken))) return new Reply.Refused(turn.T("review.tooLateToReturn", Formats.Period(turn.Language, report.Period)));
        }

        var review = new ReportReview(id, turn.Member.Id, verdict, comment, turn.Now);
        turn.Db.ReportReviews.Add(review);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another reviewer decided this version at the same moment: one decision per version, theirs stands.
            logger.LogInformation(e, "A concurrent review of submission {SubmissionId} was refused.", id);
            turn.Db.ChangeTracker.Clear();
            var winner = (await ThreadAsync(turn.Db, turn.Branch, id, withTexts: false, cancellationToken))!.Versions.First(v => v.SubmissionId == id).Review;
            return winner is null ? new Reply.Refused(turn.T("error.duplicate")) : AlreadyReviewed(turn, decided.Version, winner);
        }

        await notices.ReportReviewedAsync(turn.Db, report, review, turn.Member.Name, cancellationToken);
        var name = Markdown.Escape(UserText.Clip(report.AuthorName));
        return new Reply.ReplaceCard(ReviewCard.Decided(verdict == ReviewVerdict.Accepted
            ? turn.T("review.decided.accepted", name, Formats.Kind(turn.Language, report.Kind), Formats.Period(turn.Language, report.Period), decided.Version)
            : turn.T("review.decided.returned", name, Formats.Kind(turn.Language, report.Kind), Formats.Period(turn.Language, report.Period), decided.Version)));
    }

    /// <summary>The speaker's own reports, newest first, every version with its review.</summary>
    public async Task<Reply> MineAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member.Id;
        var latest = await turn.Db.Submissions.AsNoTracking()
            .Where(s => s.MemberId == me && !turn.Db.Submissions.Any(n => n.MemberId == s.MemberId && n.Kind == s.Kind && n.Period == s.Period && n.Version > s.Version))
            .OrderByDescending(s => s.SubmittedAt)
            .Select(s => s.Id)
            .Take(MyReportsCard.MaxReports)
            .ToListAsync(cancellationToken);
        var reports = new List<ReportThread>();
        foreach (var id in latest)
            reports.Add((await ThreadAsync(turn.Db, turn.Branch, id, withTexts: false, cancellationToken))!);
        return Reply.Show(MyReportsCard.Build(turn.Language, reports));
    }

    /// <summary>One version in full: for its author, or for someone who may review it.</summary>
    public async Task<Reply> ReadAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(ReviewCard.SubmissionField);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var report = TryId(reference, out var id) ? await ThreadAsync(turn.Db, turn.Branch, id, withTexts: true, cancellationToken) : null;
        if (report is null) return new Reply.Refused(turn.T("error.forgedId"));
        if (report.AuthorId != turn.Member.Id && await RefusedReviewerAsync(turn, report, cancellationToken) is not null)
            return new Reply.Refused(turn.T("error.forgedId"));
        return Reply.Show(MyReportsCard.Text(turn.Language, report, report.Versions.First(v => v.SubmissionId == id)));
    }

    private static async Task<Reply?> RefusedReviewerAsync(Turn turn, ReportThread report, CancellationToken cancellationToken)
    {
        var author = await turn.Db.Members.AsNoTracking().FirstAsync(m => m.Id == report.AuthorId, cancellationToken);
        return ReviewRules.MayReview(turn.Member, author) ? null : new Reply.Refused(turn.T("review.notReviewer", Markdown.Escape(UserText.Clip(author.Name))));
    }

    private static Reply AlreadyReviewed(Turn turn, int version, ReviewView review) =>
        new Reply.Refused(turn.T("review.alreadyDecided", ReviewCard.ReviewLine(turn.Language, version, review)));

    /// <summary>Every version of the report that <paramref name="submissionId"/> is a version of, with reviews; null when there is no such submission.</summary>
    internal static async Task<ReportThread?> ThreadAsync(BranchDbContext db, Branch branch, long submissionId, bool withTexts, CancellationToken cancellationToken)
    {
        var one = await db.Submissions.AsNoTracking().Where(s => s.Id == submissionId)
            .Select(s => new { s.MemberId, s.Kind, s.Period, Author = db.Members.Where(m => m.Id == s.MemberId).Select(m => m.Name).First() })
            .FirstOrDefaultAsync(cancellationToken);
        if (one is null) return null;
        var versions = await db.Submissions.AsNoTracking()
            .Where(s => s.MemberId == one.MemberId && s.Kind == one.Kind && s.Period == one.Period)
            .OrderBy(s => s.Version)
            .Select(s => new { s.Id, s.Version, s.SubmittedAt, Text = withTexts ? s.Text : "" })
            .ToListAsync(cancellationToken);
        var ids = versions.Select(v => v.Id).ToList();
        var reviews = await db.ReportReviews.AsNoTracking()
            .Where(r => ids.Contains(r.SubmissionId))
            .Select(r => new { r.SubmissionId, r.Verdict, r.Comment, r.At, Reviewer = db.Members.Where(m => m.Id == r.ReviewerId).Select(m => m.Name).First() })
            .ToDictionaryAsync(r => r.SubmissionId, cancellationToken);
        return new ReportThread(one.MemberId, one.Author, one.Kind, one.Period, [.. versions.Select(v => new VersionView(v.Id, v.Version, branch.LocalDate(v.SubmittedAt), v.Text,
            reviews.TryGetValue(v.Id, out var r) ? new ReviewView(r.Reviewer, r.Verdict, r.Comment, branch.LocalDate(r.At)) : null))]);
    }

    private static bool TryId(string? reference, out long id) =>
        long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
