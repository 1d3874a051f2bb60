using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Evaluations;

/// <summary>
/// The Party school (党校) in April and October: the committee nominates activists and development targets for the next
/// session (the person is told through the delivery ledger) and records who completed the session that has begun.
/// </summary>
public sealed class PartySchoolFlow(DeliverySignal delivery, ILogger<PartySchoolFlow> logger)
{
    public async Task<Reply> FormAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        return Reply.Show(await CardAsync(turn, cancellationToken));
    }

    public async Task<Reply> NominateAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var (session, person, refused) = await ReadAsync(turn, data, PartySchoolCard.NomineeInput, cancellationToken);
        if (refused is not null) return refused;
        // Only the session still to come (or running) takes nominations: a card kept from an older one is refused.
        if (session != PartySchoolSession.NextOn(turn.Today))
            return new Reply.Refused(turn.T("partySchool.error.sessionPast", PartySchoolCard.Session(turn.Language, session)));
        if (!PartySchoolRules.MayBeNominated(person.Stage))
            return new Reply.Refused(turn.T("partySchool.error.notNominable", Markdown.Escape(person.Name), Formats.Stage(turn.Language, person.Stage)));
        if (await turn.Db.PartySchoolNominations.AsNoTracking().AnyAsync(n => n.MemberId == person.Id && n.Year == session.Year && n.Month == session.Month, cancellationToken))
            return new Reply.Refused(turn.T("partySchool.error.alreadyNominated", Markdown.Escape(person.Name), PartySchoolCard.Session(turn.Language, session)));

        turn.Db.PartySchoolNominations.Add(new PartySchoolNomination(person.Id, session, turn.Member.Id, turn.Now));
        var language = await UserLanguage.OfMemberAsync(turn.Db, person.Id, cancellationToken);
        turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(person.Id, $"partySchool:{session.Key}:nominated",
                QueuedMessage.Of(null, Texts.Default.Get(language, "partySchool.toNominee", PartySchoolCard.Session(language, session)))),
            ObligationKind.ThoughtReport, Period.Containing(Cadence.Monthly, turn.Today), person.Id, turn.Now));
        if (await SaveAsync(turn, person, session, cancellationToken) is { } conflict) return conflict;
        delivery.Wake();
        return new Reply.ReplaceCard(EvaluationsCard.Done(turn.T("partySchool.nominated", Markdown.Escape(person.Name), PartySchoolCard.Session(turn.Language, session))));
    }

    public async Task<Reply> CompleteAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var on = data.Date(PartySchoolCard.CompletedOnInput);
        var (session, person, refused) = await ReadAsync(turn, data, PartySchoolCard.CompletedInput, cancellationToken);
        if (refused is not null) return refused;
        if (on!.Value > turn.Today) return new Reply.Refused(turn.T("error.dateInFuture", Formats.Date(turn.Language, on.Value)));
        if (!PartySchoolRules.MayComplete(session, on.Value))
            return new Reply.Refused(turn.T("partySchool.error.notBegun", PartySchoolCard.Session(turn.Language, session), Formats.Date(turn.Language, session.Start)));
        var nomination = await turn.Db.PartySchoolNominations.FirstOrDefaultAsync(n => n.MemberId == person.Id && n.Year == session.Year && n.Month == session.Month, cancellationToken);
        if (nomination is null)
            return new Reply.Refused(turn.T("partySchool.error.notNominated", Markdown.Escape(person.Name), PartySchoolCard.Session(turn.Language, session)));
        if (!nomination.Complete(on.Value, turn.Member.Id))
            return new Reply.Refused(turn.T("partySchool.error.alreadyCompleted", Markdown.Escape(person.Name), Formats.Date(turn.Language, nomination.CompletedOn!.Value)));
        await turn.Db.SaveChangesAsync(cancellationToken);
        return new Reply.ReplaceCard(EvaluationsCard.Done(turn.T("partySchool.recorded", Markdown.Escape(person.Name), PartySchoolCard.Session(turn.Language, session), Formats.Date(turn.Language, on.Value))));
    }

    private static async Task<(PartySchoolSession Session, Member Person, Reply? Refused)> ReadAsync(Turn turn, CardData data, string personInput, CancellationToken cancellationToken)
    {
        var key = data.String(PartySchoolCard.SessionField, 8);
        var reference = data.Reference(personInput);
        if (data.Error is { } error) return (default, null!, Errors.Refuse(turn, error));
        if (!PartySchoolSession.TryParse(key, out var session)) return (default, null!, new Reply.Refused(turn.T("error.badCard")));
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return (default, null!, new Reply.Refused(turn.T("error.badChoice")));
        var person = await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return person is null ? (default, null!, new Reply.Refused(turn.T("error.badChoice"))) : (session, person, null);
    }

    private static async Task<AdaptiveCard> CardAsync(Turn turn, CancellationToken cancellationToken)
    {
        var next = PartySchoolSession.NextOn(turn.Today);
        var begun = PartySchoolSession.LatestBegunOn(turn.Today);
        var nominations = await turn.Db.PartySchoolNominations.AsNoTracking()
            .Where(n => (n.Year == next.Year && n.Month == next.Month) || (n.Year == begun.Year && n.Month == begun.Month))
            .Select(n => new { n.MemberId, n.Year, n.Month, n.CompletedOn }).ToListAsync(cancellationToken);
        var people = await turn.Db.Members.AsNoTracking().OrderBy(m => m.Name).ThenBy(m => m.StudentNumber)
            .Select(m => new { m.Id, m.Name, m.StudentNumber, m.Stage }).ToListAsync(cancellationToken);
        bool In(PartySchoolSession s, int year, int month) => s.Year == year && s.Month == month;
        var nextIds = nominations.Where(n => In(next, n.Year, n.Month)).Select(n => n.MemberId).ToHashSet();
        var nominable = people.Where(p => PartySchoolRules.MayBeNominated(p.Stage) && !nextIds.Contains(p.Id)).Select(p => new NamedPerson(p.Id, p.Name, p.StudentNumber)).ToList();
        var begunRows = nominations.Where(n => In(begun, n.Year, n.Month)).ToList();
        var unfinishedIds = begunRows.Where(n => n.CompletedOn is null).Select(n => n.MemberId).ToHashSet();
        var unfinished = people.Where(p => unfinishedIds.Contains(p.Id)).Select(p => new NamedPerson(p.Id, p.Name, p.StudentNumber)).ToList();
        var view = new PartySchoolView(next, nextIds.Count, nominable.Take(PartySchoolCard.MaxChoices).ToList(), nominable.Count,
            begun, begunRows.Count, begunRows.Count(n => n.CompletedOn is not null), unfinished.Take(PartySchoolCard.MaxChoices).ToList(), unfinished.Count);
        return PartySchoolCard.Build(turn.Language, view, turn.Today, ReportFlow.NewCardId());
    }

    private async Task<Reply?> SaveAsync(Turn turn, Member person, PartySchoolSession session, CancellationToken cancellationToken)
    {
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent nomination of {MemberId} for {Session} was refused.", person.Id, session.Key);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("partySchool.error.alreadyNominated", Markdown.Escape(person.Name), PartySchoolCard.Session(turn.Language, session)));
        }
    }
}
