using BranchBot.Bot.Cards;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>
/// Every notice of the review and confirmation journeys, one method each, so that they can move to the delivery ledger
/// one by one. Each builds its card in the recipient's language and sends it to their 1:1 chat.
/// </summary>
public sealed class ReviewNotices(IProactiveSender sender, ILogger<ReviewNotices> logger)
{
    /// <summary>A report arrived: its group's leaders get a card that opens it for review (the committee's deciders when the group has no other leader).</summary>
    public async Task ReportArrivedAsync(BranchDbContext db, Member author, Submission saved, CancellationToken cancellationToken)
    {
        var leaders = await db.Members.AsNoTracking()
            .Where(m => m.GroupId == author.GroupId && m.Id != author.Id && (m.Roles & Roles.GroupLeader) != 0)
            .Select(m => m.Id).ToListAsync(cancellationToken);
        if (leaders.Count == 0)
            leaders = await db.Members.AsNoTracking()
                .Where(m => m.Id != author.Id && (m.Roles & ExtensionRules.CommitteeDeciders) != 0)
                .Select(m => m.Id).ToListAsync(cancellationToken);
        foreach (var leader in leaders)
        {
            var language = await LanguageAsync(db, leader, cancellationToken);
            await SendAsync(leader, ReviewNoticeCard.Arrived(language, author.Name, saved.Kind, saved.Period, saved.Version, saved.Id), null, cancellationToken);
        }
    }

    /// <summary>The student hears the decision: accepted as a line, returned as a card with the reason and a form for the new version.</summary>
    public async Task ReportReviewedAsync(BranchDbContext db, ReportThread report, ReportReview review, string reviewerName, CancellationToken cancellationToken)
    {
        var language = await LanguageAsync(db, report.AuthorId, cancellationToken);
        var (kind, period) = (Formats.Kind(language, report.Kind), Formats.Period(language, report.Period));
        if (review.Verdict == ReviewVerdict.Accepted)
        {
            var comment = string.IsNullOrWhiteSpace(review.Comment) ? "" : Texts.Default.Get(language, "review.commentQuote", Markdown.Escape(UserText.Clip(review.Comment, CardLimits.ReasonMaxLength)));
            await SendAsync(report.AuthorId, null, Texts.Default.Get(language, "review.notice.accepted", kind, period, report.Latest.Version, Markdown.Escape(UserText.Clip(reviewerName))) + comment, cancellationToken);
        }
        else
        {
            await SendAsync(report.AuthorId, ReviewNoticeCard.Returned(language, report.Kind, report.Period, report.Latest.Version, reviewerName, review.Comment), null, cancellationToken);
        }
    }

    /// <summary>A talk was logged: the mentee gets a card to confirm it with one tap or dispute it with a note.</summary>
    public async Task TalkLoggedAsync(BranchDbContext db, Talk talk, string mentorName, CancellationToken cancellationToken)
    {
        var language = await LanguageAsync(db, talk.MenteeId, cancellationToken);
        await SendAsync(talk.MenteeId, TalkAnswerCard.Build(language, talk, mentorName, Reports.ReportFlow.NewCardId()), null, cancellationToken);
    }

    /// <summary>The mentee disputed a talk: the mentor is told, with the note.</summary>
    public async Task TalkDisputedAsync(BranchDbContext db, Talk talk, string menteeName, string note, CancellationToken cancellationToken)
    {
        var language = await LanguageAsync(db, talk.MentorId, cancellationToken);
        await SendAsync(talk.MentorId, null, Texts.Default.Get(language, "talk.answer.disputedNotice", Markdown.Escape(UserText.Clip(menteeName)),
            Formats.Date(language, talk.Date), Markdown.Escape(UserText.Clip(note, CardLimits.ReasonMaxLength))), cancellationToken);
    }

    private static async Task<Language> LanguageAsync(BranchDbContext db, int memberId, CancellationToken cancellationToken) =>
        UserLanguage.For(await db.TeamsUsers.AsNoTracking().FirstOrDefaultAsync(u => u.MemberId == memberId, cancellationToken));

    private async Task SendAsync(int memberId, AdaptiveCard? card, string? text, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(memberId, card, text, cancellationToken);
        if (outcome.Result != DeliveryResult.Sent)
            logger.LogInformation("A review notice for {MemberId} was not delivered: {Result}.", memberId, outcome.Result);
    }
}
