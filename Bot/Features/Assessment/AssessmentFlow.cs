using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Assessment;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Assessment;

/// <summary>
/// The semester assessment sheet (考察表): a group leader sees their group's activists with the semester's counts and
/// records a branch duty or the class conduct; the committee picks a group first and may record for anyone; an activist
/// sees their own sheet. Who may record what for which day is <see cref="AssessmentRules"/>'s; the person is re-read
/// from the roster, never trusted from the card.
/// </summary>
public sealed class AssessmentFlow(DownloadLinks links, ILogger<AssessmentFlow> logger)
{
    /// <summary>A download link for the group's sheets of this semester, for whoever may take the group's yearly export (<see cref="ExportRules.MayExport"/>).</summary>
    public async Task<Reply> ExportAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(AssessmentCards.GroupField);
        var format = data.Choice<ExportFormat>(AssessmentCards.FormatField);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var groupId)
            || await turn.Db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken) is not { } group)
            return new Reply.Refused(turn.T("error.badChoice"));
        if (!ExportRules.MayExport(turn.Member, groupId)) return new Reply.Refused(turn.T("export.error.notPermitted"));
        var semesters = await AssessmentSheets.OpenSemestersAsync(turn.Db, turn.Today, cancellationToken);
        if (semesters.Count == 0) return new Reply.Refused(turn.T("assessment.error.noSemester"));
        var expiresAt = turn.Now + links.Lifetime;
        var token = links.Protect(new DownloadTicket(turn.Member.Id, semesters[0].Start.Year, format!.Value, groupId, turn.Language, expiresAt,
            ExportKind.AssessmentSheets, semesters[0].Start));
        if (links.LinkFor(token) is not { } url) return new Reply.Refused(turn.T("export.error.noPublicAddress"));
        logger.LogInformation("Assessment sheets link for group {GroupId} ({Format}) issued to member {MemberId}", groupId, format, turn.Member.Id);
        return Reply.Show(AssessmentCards.Link(turn.Language, group.Name, semesters[0], Formats.DateTime(turn.Language, turn.Branch.LocalTime(expiresAt)), url));
    }

    public async Task<Reply> SheetAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        if (me.IsCommittee)
        {
            var groups = await turn.Db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
            return Reply.Show(AssessmentCards.Groups(turn.Language, groups, ReportFlow.NewCardId()));
        }
        if (me.IsGroupLeader) return Reply.Show(await GroupCardAsync(turn, me.GroupId, cancellationToken));
        if (!AssessmentRules.HasSheet(me)) return new Reply.Refused(turn.T("assessment.error.noSheet"));
        var semesters = await AssessmentSheets.OpenSemestersAsync(turn.Db, turn.Today, cancellationToken);
        if (semesters.Count == 0) return new Reply.Refused(turn.T("assessment.error.noSemester"));
        var sheet = (await AssessmentSheets.ForAsync(turn.Db, turn.Branch, turn.Policy, semesters[0], null, me.Id, turn.Now, cancellationToken)).Single();
        return Reply.Show(AssessmentCards.Own(turn.Language, sheet));
    }

    public async Task<Reply> GroupAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(AssessmentCards.GroupInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var groupId)
            || !await turn.Db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken))
            return new Reply.Refused(turn.T("error.badChoice"));
        return new Reply.ReplaceCard(await GroupCardAsync(turn, groupId, cancellationToken));
    }

    public async Task<Reply> DutyAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(AssessmentCards.PersonInput);
        var kind = data.Choice<BranchDutyKind>(AssessmentCards.KindInput);
        var date = data.Date(AssessmentCards.DateInput);
        var note = data.String(AssessmentCards.NoteInput, BranchDutyRecord.MaxNoteLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var (person, refused) = await PersonAsync(turn, reference, cancellationToken);
        if (refused is not null) return refused;
        var calendar = await new Infrastructure.Queries.FactReader(turn.Db).SpansAsync(cancellationToken);
        if (Refusal(turn, person, AssessmentRules.CheckDuty(turn.Member, person, date!.Value, turn.Today, calendar), date.Value) is { } no) return no;
        if (await turn.Db.BranchDutyRecords.AnyAsync(d => d.MemberId == person.Id && d.Kind == kind && d.Date == date, cancellationToken))
            return new Reply.Refused(turn.T("assessment.error.duplicate", Markdown.Escape(person.Name), AssessmentCards.DutyName(turn.Language, kind!.Value), Formats.Date(turn.Language, date.Value)));

        turn.Db.BranchDutyRecords.Add(new BranchDutyRecord(person.Id, kind!.Value, date.Value, note, turn.Member.Id, turn.Now));
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent duty record for {MemberId} on {Date} was refused.", person.Id, date);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("assessment.error.duplicate", Markdown.Escape(person.Name), AssessmentCards.DutyName(turn.Language, kind.Value), Formats.Date(turn.Language, date.Value)));
        }
        return new Reply.ReplaceCard(await GroupCardAsync(turn, person.GroupId, cancellationToken),
            turn.T("assessment.dutyRecorded", Markdown.Escape(person.Name), AssessmentCards.DutyName(turn.Language, kind.Value), Formats.Date(turn.Language, date.Value)));
    }

    public async Task<Reply> ConductAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(AssessmentCards.PersonInput);
        var rating = data.Choice<ConductRating>(AssessmentCards.RatingInput);
        var semesterStart = data.Date(AssessmentCards.SemesterInput);
        var note = data.String(AssessmentCards.NoteInput, BranchDutyRecord.MaxNoteLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var (person, refused) = await PersonAsync(turn, reference, cancellationToken);
        if (refused is not null) return refused;
        var calendar = await new Infrastructure.Queries.FactReader(turn.Db).SpansAsync(cancellationToken);
        if (Refusal(turn, person, AssessmentRules.CheckConduct(turn.Member, person, semesterStart!.Value, turn.Today, calendar), semesterStart.Value) is { } no) return no;

        var existing = await turn.Db.ConductRecords.FirstOrDefaultAsync(c => c.MemberId == person.Id && c.SemesterStart == semesterStart, cancellationToken);
        if (existing is null) turn.Db.ConductRecords.Add(new ConductRecord(person.Id, semesterStart.Value, rating!.Value, note, turn.Member.Id, turn.Now));
        else existing.Rate(rating!.Value, note, turn.Member.Id, turn.Now);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two raters at once: the other's rating stands; this one can simply be given again.
            logger.LogInformation(e, "A concurrent conduct rating for {MemberId} was refused.", person.Id);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("assessment.error.concurrent"));
        }
        return new Reply.ReplaceCard(await GroupCardAsync(turn, person.GroupId, cancellationToken),
            turn.T("assessment.conductRecorded", Markdown.Escape(person.Name), AssessmentCards.RatingName(turn.Language, rating.Value)));
    }

    private static Reply? Refusal(Turn turn, Member person, AssessmentRefusal refusal, DateOnly date) => refusal switch
    {
        AssessmentRefusal.None => null,
        AssessmentRefusal.NotPermitted => new Reply.Refused(turn.T("assessment.error.notPermitted", Markdown.Escape(person.Name))),
        AssessmentRefusal.NotAnActivist => new Reply.Refused(turn.T("assessment.error.notActivist", Markdown.Escape(person.Name), Formats.Stage(turn.Language, person.Stage))),
        AssessmentRefusal.InFuture => new Reply.Refused(turn.T("error.dateInFuture", Formats.Date(turn.Language, date))),
        AssessmentRefusal.OutsideSemesters => new Reply.Refused(turn.T("assessment.error.outsideSemesters", Formats.Date(turn.Language, date))),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
    };

    // Only a leader or the committee gets past this; the person is the roster's, whatever the card said.
    private static async Task<(Member Person, Reply? Refused)> PersonAsync(Turn turn, string? reference, CancellationToken cancellationToken)
    {
        if (!ChaseRules.IsChaser(turn.Member)) return (null!, new Reply.Refused(turn.T("assessment.error.notRecorder")));
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return (null!, new Reply.Refused(turn.T("error.badChoice")));
        var person = await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return person is null ? (null!, new Reply.Refused(turn.T("error.badChoice"))) : (person, null);
    }

    private static async Task<AdaptiveCard> GroupCardAsync(Turn turn, int groupId, CancellationToken cancellationToken)
    {
        var group = await turn.Db.Groups.AsNoTracking().FirstAsync(g => g.Id == groupId, cancellationToken);
        var semesters = await AssessmentSheets.OpenSemestersAsync(turn.Db, turn.Today, cancellationToken);
        if (semesters.Count == 0) return new AdaptiveCard([TextBlock.Trusted(turn.T("assessment.error.noSemester"))], []);
        var sheets = await AssessmentSheets.ForAsync(turn.Db, turn.Branch, turn.Policy, semesters[0], groupId, null, turn.Now, cancellationToken);
        return AssessmentCards.Group(turn.Language, group.Name, semesters, sheets, turn.Today, ReportFlow.NewCardId(),
            ExportRules.MayExport(turn.Member, groupId) ? groupId : null);
    }
}
