using BranchBot.Bot.Cards;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>
/// Every notice of the review and confirmation journeys, one method each. Each builds its card in the recipient's
/// language and queues it in the delivery ledger (under a step unique to the report version, review or talk), for
/// the delivery worker to send to their 1:1 chat: never awaited inside the turn.
/// </summary>
public sealed class ReviewNotices(DeliverySignal delivery, TimeProvider time, ILogger<ReviewNotices> logger)
{
    /// <summary>A report arrived: its group's leaders get a card that opens it for review (the committee's deciders when the group has no other leader).</summary>
    public async Task ReportArrivedAsync(BranchDbContext db, Member author, Submission saved, CancellationToken cancellationToken)
    {
        // One statement for the leaders and the committee fallback, one for their languages, and nothing more when
        // there is nobody to tell.
        var candidates = await db.Members.AsNoTracking()
            .Where(m => m.Id != author.Id
                && ((m.GroupId == author.GroupId && (m.Roles & Roles.GroupLeader) != 0) || (m.Roles & ExtensionRules.CommitteeDeciders) != 0))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, Leader = m.GroupId == author.GroupId && (m.Roles & Roles.GroupLeader) != 0 })
            .ToListAsync(cancellationToken);
        var recipients = candidates.Any(c => c.Leader) ? candidates.Where(c => c.Leader).Select(c => c.Id).ToList() : candidates.Select(c => c.Id).ToList();
        if (recipients.Count == 0) return;
        var users = await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null && recipients.Contains(u.MemberId.Value)).ToListAsync(cancellationToken);
        foreach (var recipient in recipients)
        {
            // The latest updated Teams user, as UserLanguage.OfMemberAsync chooses.
            var language = UserLanguage.For(users.Where(u => u.MemberId == recipient).MaxBy(u => u.UpdatedAt));
            Queue(db, recipient, Step("review", saved.Id, "arrived"), saved.Kind, saved.Period, author.Id,
                ReviewNoticeCard.Arrived(language, author.Name, saved.Kind, saved.Period, saved.Version, saved.Id), null);
        }
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>The student hears the decision: accepted as a line, returned as a card with the reason and a form for the new version.</summary>
    public async Task ReportReviewedAsync(BranchDbContext db, ReportThread report, ReportReview review, string reviewerName, CancellationToken cancellationToken)
    {
        var language = await UserLanguage.OfMemberAsync(db, report.AuthorId, cancellationToken);
        var (kind, period) = (Formats.Kind(language, report.Kind), Formats.Period(language, report.Period));
        if (review.Verdict == ReviewVerdict.Accepted)
        {
            var comment = string.IsNullOrWhiteSpace(review.Comment) ? "" : Texts.Default.Get(language, "review.commentQuote", Markdown.Escape(UserText.Clip(review.Comment, CardLimits.ReasonMaxLength)));
            Queue(db, report.AuthorId, Step("review", review.Id, "decided"), report.Kind, report.Period, report.AuthorId,
                null, Texts.Default.Get(language, "review.notice.accepted", kind, period, report.Latest.Version, Markdown.Escape(UserText.Clip(reviewerName))) + comment);
        }
        else
        {
            Queue(db, report.AuthorId, Step("review", review.Id, "decided"), report.Kind, report.Period, report.AuthorId,
                ReviewNoticeCard.Returned(language, report.Kind, report.Period, report.Latest.Version, reviewerName, review.Comment), null);
        }
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>A talk was logged: the mentee gets a card to confirm it with one tap or dispute it with a note.</summary>
    public async Task TalkLoggedAsync(BranchDbContext db, Talk talk, string mentorName, CancellationToken cancellationToken)
    {
        var language = await UserLanguage.OfMemberAsync(db, talk.MenteeId, cancellationToken);
        Queue(db, talk.MenteeId, Step("talk", talk.Id, "logged"), ObligationKind.Talk, Period.Containing(Cadence.Monthly, talk.Date), talk.MenteeId,
            TalkAnswerCard.Build(language, talk, mentorName, Reports.ReportFlow.NewCardId()), null);
        await SaveAsync(db, cancellationToken);
    }

    /// <summary>The mentee disputed a talk: the mentor is told, with the note.</summary>
    public async Task TalkDisputedAsync(BranchDbContext db, Talk talk, string menteeName, string note, CancellationToken cancellationToken)
    {
        var language = await UserLanguage.OfMemberAsync(db, talk.MentorId, cancellationToken);
        Queue(db, talk.MentorId, Step("talk", talk.Id, "disputed"), ObligationKind.Talk, Period.Containing(Cadence.Monthly, talk.Date), talk.MenteeId,
            null, Texts.Default.Get(language, "talk.answer.disputedNotice", Markdown.Escape(UserText.Clip(menteeName)),
            Formats.Date(language, talk.Date), Markdown.Escape(UserText.Clip(note, CardLimits.ReasonMaxLength))));
        await SaveAsync(db, cancellationToken);
    }

    private static string Step(string what, long id, string event_) => FormattableString.Invariant($"{what}:{id}:{event_}");

    private void Queue(BranchDbContext db, int memberId, string step, ObligationKind kind, Period period, int subjectId, AdaptiveCard? card, string? text) =>
        db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(memberId, step, QueuedMessage.Of(card, text)), kind, period, subjectId, time.GetUtcNow()));

    private async Task SaveAsync(BranchDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The step names the version, review or talk, so this notice was queued already (a repeated call).
            logger.LogInformation(e, "A review notice was queued already.");
            db.ChangeTracker.Clear();
        }
    }
}
