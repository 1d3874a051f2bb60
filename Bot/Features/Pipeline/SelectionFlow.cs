using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>
/// The selection of activists (公示) and the activists' quarterly evaluation: the committee records a candidate and
/// its decision, the bot sends the public notice to everyone on the roster, anyone may object while it runs (the
/// decision is held until the committee resolves the objection), and once it has ended without an open objection the
/// committee concludes it: the person is an activist from the day the domain says, filed upward, with a mentor. The
/// committee records each activist's quarterly evaluation (the activist is told) and may stop the cultivation of an
/// activist who shows no progress. The summary is where the committee looks: the domain decides from the dates
/// which notices are ready (no job concludes one by itself, since the filing upward needs a person and a date).
/// </summary>
public sealed class SelectionFlow(DeliverySignal delivery, ILogger<SelectionFlow> logger)
{
    public async Task<Reply> NominateFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        if (await NotACandidateAsync(turn, subject, cancellationToken) is { } refused) return refused;
        var members = await turn.Db.Members.AsNoTracking().Where(m => (m.Stage == Stage.Full || m.Stage == Stage.Probationary) && m.Id != subject.Id)
            .OrderBy(m => m.Name).ThenBy(m => m.StudentNumber)
            .Select(m => new NamedPerson(m.Id, m.Name, m.StudentNumber)).ToListAsync(cancellationToken);
        return Reply.Show(NominationCard.Build(turn.Language, Named(subject), subject.StageSince, members, turn.Today, turn.Policy.SelectionNoticeDays, ReportFlow.NewCardId()));
    }

    public async Task<Reply> NominateSubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var since = data.Date(DevelopmentCard.SinceField);
        var recommendedBy = data.Choice<Recommender>(NominationCard.RecommendedByInput);
        var recommenderRef = data.Reference(NominationCard.RecommenderInput, required: false);
        var decidedOn = data.Date(NominationCard.DecidedOnInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T("error.badCard"));
        var key = $"{turn.Member.Id}:{cardId}";
        if (await turn.Db.Selections.AsNoTracking().AnyAsync(s => s.IdempotencyKey == key, cancellationToken))
            return new Reply.Refused(turn.T("pipeline.error.alreadyRecorded", Markdown.Escape(subject.Name)));
        if (subject.Stage != Stage.Applicant || subject.StageSince != since) return new Reply.Refused(StaleText(turn, subject));
        if (await NotACandidateAsync(turn, subject, cancellationToken) is { } refused) return refused;
        if (decidedOn > turn.Today) return new Reply.Refused(turn.T("error.dateInFuture", Formats.Date(turn.Language, decidedOn.Value)));

        int? recommenderId = null;
        if (recommendedBy == Recommender.Member)
        {
            if (recommenderRef is null) return new Reply.Refused(turn.T("selection.error.recommenderRequired"));
            if (!int.TryParse(recommenderRef, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return new Reply.Refused(turn.T("error.badChoice"));
            var recommender = await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (recommender is null) return new Reply.Refused(turn.T("error.badChoice"));
            if (recommender.Id == subject.Id || recommender.Stage is not (Stage.Full or Stage.Probationary))
                return new Reply.Refused(turn.T("selection.error.recommenderNotMember", Markdown.Escape(recommender.Name)));
            recommenderId = recommender.Id;
        }
        else if (recommenderRef is not null) return new Reply.Refused(turn.T("selection.error.recommenderOnlyForMembers"));

        var selection = new Selection(subject.Id, recommendedBy!.Value, recommenderId, decidedOn!.Value, turn.Today, turn.Policy.SelectionNoticeDays, turn.Member.Id, turn.Now, key);
        turn.Db.Selections.Add(selection);
        if (await SaveAsync(turn, subject, key, cancellationToken) is { } duplicate) return duplicate;

        // The public notice: everyone on the roster but the candidate, each in their language, through the ledger.
        var group = await turn.Db.Groups.AsNoTracking().Where(g => g.Id == subject.GroupId).Select(g => g.Name).FirstAsync(cancellationToken);
        var everyone = await turn.Db.Members.AsNoTracking().Where(m => m.Id != subject.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        var users = await turn.Db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null).ToDictionaryAsync(u => u.MemberId!.Value, cancellationToken);
        var step = FormattableString.Invariant($"selection:notice:{selection.Id}");
        foreach (var id in everyone)
        {
            var language = UserLanguage.For(users.GetValueOrDefault(id));
            var card = NoticeCard.Build(language, selection.Id, Named(subject), group, selection.NoticeStartsOn, selection.NoticeEndsOn, ReportFlow.NewCardId());
            Queue(turn, id, step, QueuedMessage.Of(card, null), subject.Id);
        }
        var toSubject = UserLanguage.For(users.GetValueOrDefault(subject.Id));
        Queue(turn, subject.Id, step, QueuedMessage.Of(null, Texts.Default.Get(toSubject, "selection.notice.toSubject",
            Formats.Date(toSubject, selection.NoticeStartsOn), Formats.Date(toSubject, selection.NoticeEndsOn))), subject.Id);
        await QueueSaveAsync(turn, step, cancellationToken);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T("selection.nominate.done", Markdown.Escape(subject.Name),
            Formats.Date(turn.Language, selection.NoticeStartsOn), Formats.Date(turn.Language, selection.NoticeEndsOn), everyone.Count)));
    }

    public async Task<Reply> ObjectAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reason = data.String(NoticeCard.ReasonInput, SelectionObjection.MaxReasonLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));
        var selection = await SelectionAsync(turn, data, cancellationToken);
        if (selection is null) return new Reply.Refused(turn.T("error.badCard"));
        var subject = await turn.Db.Members.AsNoTracking().FirstAsync(m => m.Id == selection.SubjectId, cancellationToken);
        if (subject.Id == turn.Member.Id) return new Reply.Refused(turn.T("error.notPermitted"));
        var key = $"{turn.Member.Id}:{cardId}";
        if (selection.Objections.Any(o => o.IdempotencyKey == key)) return new Reply.Refused(turn.T("selection.error.objectionRecorded", Markdown.Escape(subject.Name)));
        switch (SelectionRules.MayObject(selection, turn.Today))
        {
            case ObjectionVerdict.NotStarted:
            case ObjectionVerdict.NoticeOver:
                return new Reply.Refused(turn.T("selection.error.noticeOver", Markdown.Escape(subject.Name), Formats.Date(turn.Language, selection.NoticeStartsOn), Formats.Date(turn.Language, selection.NoticeEndsOn)));
            case ObjectionVerdict.Ended:
                return new Reply.Refused(turn.T("selection.error.ended", Markdown.Escape(subject.Name)));
        }
        var objection = selection.Object(turn.Member.Id, reason!, turn.Today, turn.Now, key);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent objection {Key} was refused.", key);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("selection.error.objectionRecorded", Markdown.Escape(subject.Name)));
        }

        var step = FormattableString.Invariant($"selection:objection:{objection.Id}");
        var committee = await CommitteeAsync(turn, cancellationToken);
        var users = await UsersAsync(turn, committee, cancellationToken);
        foreach (var id in committee.Where(id => id != turn.Member.Id))
        {
            var language = UserLanguage.For(users.GetValueOrDefault(id));
            Queue(turn, id, step, QueuedMessage.Of(ObjectionCard.Notice(language, objection.Id, Named(subject), Named(turn.Member), objection.Reason), null), subject.Id);
        }
        await QueueSaveAsync(turn, step, cancellationToken);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T("selection.object.done", Markdown.Escape(subject.Name))));
    }

    public async Task<Reply> ObjectionFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var found = await ObjectionAsync(turn, data, cancellationToken);
        if (found is not { } f) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        var subject = await turn.Db.Members.AsNoTracking().FirstAsync(m => m.Id == f.Selection.SubjectId, cancellationToken);
        if (!f.Objection.IsOpen || f.Selection.Outcome is not null) return new Reply.Refused(turn.T("selection.error.objectionResolved", Markdown.Escape(subject.Name)));
        var objector = await turn.Db.Members.AsNoTracking().FirstAsync(m => m.Id == f.Objection.ObjectorId, cancellationToken);
        return Reply.Show(ObjectionCard.Build(turn.Language, f.Objection.Id, Named(subject), Named(objector), f.Objection.Reason, f.Selection.NoticeEndsOn));
    }

    public async Task<Reply> ObjectionResolveAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var resolution = data.Choice<ObjectionResolution>(ObjectionCard.ResolutionInput);
        var note = data.String(ObjectionCard.NoteInput, ObjectionCard.NoteMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var found = await ObjectionAsync(turn, data, cancellationToken);
        if (found is not { } f) return new Reply.Refused(turn.T("error.badCard"));
        var subject = await turn.Db.Members.AsNoTracking().FirstAsync(m => m.Id == f.Selection.SubjectId, cancellationToken);
        if (!f.Objection.IsOpen || f.Selection.Outcome is not null) return new Reply.Refused(turn.T("selection.error.objectionResolved", Markdown.Escape(subject.Name)));
        if (resolution == ObjectionResolution.Upheld && note is null) return new Reply.Refused(turn.T("error.missingField", turn.T("selection.objection.note")));

        f.Selection.Resolve(f.Objection, resolution!.Value, note, turn.Member.Id, turn.Today, turn.Now);
        if (await SaveResolvedAsync(turn, subject, cancellationToken) is { } raced) return raced;

        var step = FormattableString.Invariant($"selection:resolved:{f.Objection.Id}");
        var users = await UsersAsync(turn, [f.Objection.ObjectorId, subject.Id], cancellationToken);
        var upheld = resolution == ObjectionResolution.Upheld;
        var toObjector = UserLanguage.For(users.GetValueOrDefault(f.Objection.ObjectorId));
        Queue(turn, f.Objection.ObjectorId, step, QueuedMessage.Of(null, Texts.Default.Get(toObjector, upheld ? "selection.objection.toObjector.upheld" : "selection.objection.toObjector.dismissed",
            Markdown.Escape(subject.Name))), subject.Id);
        if (upheld)
        {
            var toSubject = UserLanguage.For(users.GetValueOrDefault(subject.Id));
            Queue(turn, subject.Id, step, QueuedMessage.Of(null, Texts.Default.Get(toSubject, "selection.objection.toSubject.upheld", Markdown.Escape(note))), subject.Id);
        }
        await QueueSaveAsync(turn, step, cancellationToken);
        var state = SelectionRules.StateOn(f.Selection, turn.Today);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T(upheld ? "selection.objection.done.upheld" : "selection.objection.done.dismissed",
            Markdown.Escape(subject.Name), turn.T(SelectionSection.StateKey(state)))));
    }

    public async Task<Reply> ConcludeFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var selection = await SelectionAsync(turn, data, cancellationToken);
        if (selection is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        var subject = await turn.Db.Members.AsNoTracking().FirstAsync(m => m.Id == selection.SubjectId, cancellationToken);
        if (NotReady(turn, selection, subject) is { } refused) return refused;
        var full = await FullMembersAsync(turn, subject.Id, cancellationToken);
        return Reply.Show(ConclusionCard.Build(turn.Language, selection.Id, Named(subject), SelectionRules.ActivistFrom(selection), full, turn.Today, ReportFlow.NewCardId()));
    }

    public async Task<Reply> ConcludeSubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var filedOn = data.Date(ConclusionCard.FiledOnInput);
        var mentorRef = data.Reference(ConclusionCard.MentorInput, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var selection = await SelectionAsync(turn, data, cancellationToken);
        if (selection is null) return new Reply.Refused(turn.T("error.badCard"));
        var subject = await turn.Db.Members.WithStageHistory().FirstAsync(m => m.Id == selection.SubjectId, cancellationToken);
        if (selection.Outcome == SelectionOutcome.Admitted) return new Reply.Refused(turn.T("pipeline.error.alreadyRecorded", Markdown.Escape(subject.Name)));
        if (NotReady(turn, selection, subject) is { } refused) return refused;
        var from = SelectionRules.ActivistFrom(selection);
        if (filedOn > turn.Today) return new Reply.Refused(turn.T("error.dateInFuture", Formats.Date(turn.Language, filedOn.Value)));
        if (filedOn < from)
            return new Reply.Refused(turn.T("pipeline.error.dateBefore", turn.T("selection.conclude.filedOn"), Formats.Date(turn.Language, filedOn.Value),
                turn.T("selection.conclude.fromLabel"), Formats.Date(turn.Language, from)));
        Member? mentor = null;
        if (mentorRef is not null)
        {
            if (!int.TryParse(mentorRef, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return new Reply.Refused(turn.T("error.badChoice"));
            mentor = await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (mentor is null) return new Reply.Refused(turn.T("error.badChoice"));
            if (!RosterRules.MayMentor(mentor.Stage) || mentor.Id == subject.Id) return new Reply.Refused(turn.T("selection.error.mentorNotFull", Markdown.Escape(mentor.Name)));
        }

        selection.Conclude(turn.Today, filedOn!.Value, turn.Member.Id);
        subject.RecordStage(new StageChange(Stage.Activist, from, StageChangeSource.CommitteeAction, turn.Today));
        if (mentor is not null) subject.SetMentors([mentor.Id]);
        if (await SaveResolvedAsync(turn, subject, cancellationToken) is { } raced) return raced;

        var step = FormattableString.Invariant($"selection:admitted:{selection.Id}");
        var users = await UsersAsync(turn, mentor is null ? [subject.Id] : [subject.Id, mentor.Id], cancellationToken);
        var toSubject = UserLanguage.For(users.GetValueOrDefault(subject.Id));
        Queue(turn, subject.Id, step, QueuedMessage.Of(null, Texts.Default.Get(toSubject, "selection.conclude.toSubject", Formats.Date(toSubject, from))
            + (mentor is null ? "" : Texts.Default.Get(toSubject, "selection.conclude.toSubjectMentor", Markdown.Escape(mentor.Name)))), subject.Id);
        if (mentor is not null)
        {
            var toMentor = UserLanguage.For(users.GetValueOrDefault(mentor.Id));
            Queue(turn, mentor.Id, step, QueuedMessage.Of(null, Texts.Default.Get(toMentor, "selection.conclude.toMentor", Markdown.Escape(subject.Name), Formats.Date(toMentor, from))), subject.Id);
        }
        await QueueSaveAsync(turn, step, cancellationToken);
        var done = turn.T("selection.conclude.done", Markdown.Escape(subject.Name), Formats.Date(turn.Language, from), Formats.Date(turn.Language, filedOn.Value));
        done += mentor is null ? turn.T("selection.conclude.assignMentor") : turn.T("selection.conclude.withMentor", Markdown.Escape(mentor.Name));
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, done));
    }

    public async Task<Reply> EvaluateFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        if (subject.Stage != Stage.Activist) return new Reply.Refused(StaleText(turn, subject));
        var evaluations = await EvaluationsAsync(turn, subject.Id, cancellationToken);
        var open = ActivistEvaluationRules.OpenQuarters(subject, turn.Today).Where(q => evaluations.All(e => e.Period != q)).ToList();
        if (open.Count == 0) return new Reply.Refused(turn.T("activistEval.error.nothingOpen", Markdown.Escape(subject.Name)));
        var own = ActivistEvaluationRules.OfCurrentStage(subject, evaluations.Select(e => new EvaluationResult(e.Period, e.Passed)));
        var lastFailed = own.Count > 0 && !own[^1].Passed ? evaluations.First(e => e.Period == own[^1].Period).Notes : null;
        return Reply.Show(ActivistEvaluationCard.Build(turn.Language, Named(subject), subject.StageSince, open, lastFailed, ReportFlow.NewCardId()));
    }

    public async Task<Reply> EvaluateSubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var since = data.Date(DevelopmentCard.SinceField);
        var quarter = data.Period(ActivistEvaluationCard.QuarterInput);
        var result = data.Choice<EvaluationChoice>(ActivistEvaluationCard.ResultInput);
        var notes = data.String(ActivistEvaluationCard.NotesInput, ActivistEvaluationRules.MaxNotesLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T("error.badCard"));
        if (subject.Stage != Stage.Activist || subject.StageSince != since) return new Reply.Refused(StaleText(turn, subject));
        var evaluations = await EvaluationsAsync(turn, subject.Id, cancellationToken);
        if (evaluations.Any(e => e.Period == quarter))
            return new Reply.Refused(turn.T("activistEval.error.recorded", Markdown.Escape(subject.Name), Formats.Period(turn.Language, quarter!)));
        if (!ActivistEvaluationRules.OpenQuarters(subject, turn.Today).Contains(quarter!))
            return new Reply.Refused(turn.T("activistEval.error.quarterNotOpen", Formats.Period(turn.Language, quarter!)));
        var passed = result == EvaluationChoice.Passed;
        if (!passed && notes is null) return new Reply.Refused(turn.T("activistEval.error.whatToFix"));

        var evaluation = new Evaluation(subject.Id, ObligationKind.ActivistEvaluation, quarter!, passed, notes ?? "", turn.Member.Id, turn.Now);
        turn.Db.Evaluations.Add(evaluation);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent evaluation of {SubjectId} for {Period} was refused.", subject.Id, quarter!.Key);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("activistEval.error.recorded", Markdown.Escape(subject.Name), Formats.Period(turn.Language, quarter)));
        }

        var step = FormattableString.Invariant($"activistEval:{evaluation.Id}");
        var users = await UsersAsync(turn, [subject.Id], cancellationToken);
        var language = UserLanguage.For(users.GetValueOrDefault(subject.Id));
        var text = passed
            ? Texts.Default.Get(language, "activistEval.toSubject.passed", Formats.Period(language, quarter!))
            : Texts.Default.Get(language, "activistEval.toSubject.needsImprovement", Formats.Period(language, quarter!), Markdown.Escape(notes));
        turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(subject.Id, step, QueuedMessage.Of(null, text)), ObligationKind.ActivistEvaluation, quarter!, subject.Id, turn.Now));
        await QueueSaveAsync(turn, step, cancellationToken);

        var noProgress = ActivistEvaluationRules.NoProgress(subject, evaluations.Select(e => new EvaluationResult(e.Period, e.Passed)).Append(new EvaluationResult(quarter!, passed)));
        var done = turn.T(passed ? "activistEval.done.passed" : "activistEval.done.needsImprovement", Markdown.Escape(subject.Name), Formats.Period(turn.Language, quarter!));
        if (noProgress) done += turn.T("activistEval.done.noProgress");
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, done));
    }

    public async Task<Reply> StopFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        var evaluations = await EvaluationsAsync(turn, subject.Id, cancellationToken);
        if (MayNotStop(turn, subject, evaluations) is { } refused) return refused;
        var failures = ActivistEvaluationRules.OfCurrentStage(subject, evaluations.Select(e => new EvaluationResult(e.Period, e.Passed)))
            .TakeLast(2).Select(r => (r.Period, evaluations.First(e => e.Period == r.Period).Notes)).ToList();
        return Reply.Show(StopCard.Build(turn.Language, Named(subject), subject.StageSince, failures, turn.Today, ReportFlow.NewCardId()));
    }

    public async Task<Reply> StopSubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var since = data.Date(DevelopmentCard.SinceField);
        var decidedOn = data.Date(StopCard.DecidedOnInput);
        var reason = data.String(StopCard.ReasonInput, StopCard.ReasonMaxLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));
        var subject = await SubjectAsync(turn, data, cancellationToken, tracked: true);
        if (subject is null) return new Reply.Refused(turn.T("error.badCard"));
        var key = $"{turn.Member.Id}:{cardId}";
        if (await turn.Db.StageDecisions.AsNoTracking().AnyAsync(d => d.IdempotencyKey == key, cancellationToken))
            return new Reply.Refused(turn.T("pipeline.error.alreadyRecorded", Markdown.Escape(subject.Name)));
        if (subject.Stage != Stage.Activist || subject.StageSince != since) return new Reply.Refused(StaleText(turn, subject));
        var evaluations = await EvaluationsAsync(turn, subject.Id, cancellationToken);
        if (MayNotStop(turn, subject, evaluations) is { } refused) return refused;
        if (decidedOn > turn.Today) return new Reply.Refused(turn.T("error.dateInFuture", Formats.Date(turn.Language, decidedOn.Value)));
        if (decidedOn <= subject.StageSince)
            return new Reply.Refused(turn.T("pipeline.error.dateBefore", turn.T("activistStop.decidedOn"), Formats.Date(turn.Language, decidedOn!.Value),
                turn.T("pipeline.fact.activistSince"), Formats.Date(turn.Language, subject.StageSince)));

        var mentors = subject.Mentors.Select(m => m.MentorId).ToList();
        // Out of the active pipeline: an applicant again from the decision, the activist stage kept in the history.
        subject.RecordStage(new StageChange(Stage.Applicant, decidedOn!.Value, StageChangeSource.CommitteeAction, turn.Today));
        subject.SetMentors([]);
        turn.Db.StageDecisions.Add(StageDecision.Stop(subject.Id, decidedOn.Value, reason!, turn.Member.Id, turn.Now, key));
        if (await SaveAsync(turn, subject, key, cancellationToken) is { } duplicate) return duplicate;

        var step = FormattableString.Invariant($"activistStop:{subject.Id}:{decidedOn.Value:yyyyMMdd}");
        var users = await UsersAsync(turn, [subject.Id, .. mentors], cancellationToken);
        var toSubject = UserLanguage.For(users.GetValueOrDefault(subject.Id));
        Queue(turn, subject.Id, step, QueuedMessage.Of(null, Texts.Default.Get(toSubject, "activistStop.toSubject", Formats.Date(toSubject, decidedOn.Value), Markdown.Escape(reason))), subject.Id);
        foreach (var mentor in mentors)
        {
            var language = UserLanguage.For(users.GetValueOrDefault(mentor));
            Queue(turn, mentor, step, QueuedMessage.Of(null, Texts.Default.Get(language, "activistStop.toMentor", Markdown.Escape(subject.Name), Formats.Date(language, decidedOn.Value))), subject.Id);
        }
        await QueueSaveAsync(turn, step, cancellationToken);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T("activistStop.done", Markdown.Escape(subject.Name), Formats.Date(turn.Language, decidedOn.Value))));
    }

    /// <summary>The committee's summary section: notices, applicants, evaluations due for the last quarter, and no progress.</summary>
    public static async Task<IReadOnlyList<CardElement>> SectionAsync(Turn turn, CancellationToken cancellationToken)
    {
        var today = turn.Today;
        var people = await turn.Db.Members.AsNoTracking().Where(m => m.Stage == Stage.Applicant || m.Stage == Stage.Activist)
            .Include(m => m.StageChanges).AsSplitQuery().ToListAsync(cancellationToken);
        var open = await turn.Db.Selections.AsNoTracking().Include(s => s.Objections).Where(s => s.Outcome == null).ToListAsync(cancellationToken);
        if (people.Count == 0 && open.Count == 0) return [];
        var groups = await turn.Db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var byId = people.ToDictionary(p => p.Id);
        PipelinePerson Row(Member m) => new(Named(m), groups.GetValueOrDefault(m.GroupId, ""), m.StageSince);
        static PipelineList List(List<PipelinePerson> rows) => new(rows.Count, [.. rows.Take(SelectionSection.MaxNames)]);

        var notices = open.Where(s => byId.ContainsKey(s.SubjectId))
            .Select(s => new NoticeRow(s.Id, Named(byId[s.SubjectId]), s.NoticeStartsOn, s.NoticeEndsOn, SelectionRules.StateOn(s, today),
                s.Objections.Where(o => o.IsOpen).OrderBy(o => o.At).Select(o => (long?)o.Id).FirstOrDefault()))
            .OrderBy(n => n.EndsOn).ThenBy(n => n.SelectionId).ToList();
        var noticed = open.Select(s => s.SubjectId).ToHashSet();
        var applicants = people.Where(p => p.Stage == Stage.Applicant && !noticed.Contains(p.Id))
            .OrderBy(p => p.StageSince).ThenBy(p => p.StudentNumber, StringComparer.Ordinal).Select(Row).ToList();

        var activists = people.Where(p => p.Stage == Stage.Activist).ToList();
        var activistIds = activists.Select(a => a.Id).ToList();
        var evaluations = (await turn.Db.Evaluations.AsNoTracking()
                .Where(e => e.Kind == ObligationKind.ActivistEvaluation && activistIds.Contains(e.SubjectId))
                .Select(e => new { e.SubjectId, e.Period, e.Passed }).ToListAsync(cancellationToken))
            .ToLookup(e => e.SubjectId, e => new EvaluationResult(e.Period, e.Passed));
        // Due: the quarter that ended last, for each activist whose stage it overlaps.
        var due = Period.Containing(Cadence.Quarterly, today).Previous();
        var dueRows = activists.Where(a => ActivistEvaluationRules.OpenQuarters(a, today).Contains(due) && evaluations[a.Id].All(e => e.Period != due))
            .OrderBy(a => a.StageSince).ThenBy(a => a.StudentNumber, StringComparer.Ordinal).Select(Row).ToList();
        var noProgress = activists.Where(a => ActivistEvaluationRules.NoProgress(a, evaluations[a.Id]))
            .OrderBy(a => a.StageSince).ThenBy(a => a.StudentNumber, StringComparer.Ordinal).Select(Row).ToList();
        return SelectionSection.Build(turn.Language, notices, List(applicants), due, List(dueRows), List(noProgress));
    }

    private static Reply? MayNotStop(Turn turn, Member subject, IReadOnlyList<Evaluation> evaluations) =>
        ActivistEvaluationRules.MayStop(subject, evaluations.Select(e => new EvaluationResult(e.Period, e.Passed))) switch
        {
            StopVerdict.Allowed => null,
            StopVerdict.NotAnActivist => new Reply.Refused(StaleText(turn, subject)),
            _ => new Reply.Refused(turn.T("activistStop.error.notYet", Markdown.Escape(subject.Name))),
        };

    private static Reply? NotReady(Turn turn, Selection selection, Member subject) => SelectionRules.StateOn(selection, turn.Today) switch
    {
        SelectionState.ReadyToConclude when subject.Stage == Stage.Applicant && subject.StageSince < SelectionRules.ActivistFrom(selection) => null,
        SelectionState.ReadyToConclude => new Reply.Refused(StaleText(turn, subject)),
        SelectionState.NoticeRunning => new Reply.Refused(turn.T("selection.error.stillRunning", Markdown.Escape(subject.Name), Formats.Date(turn.Language, selection.NoticeEndsOn))),
        SelectionState.Held => new Reply.Refused(turn.T("selection.error.held", Markdown.Escape(subject.Name))),
        SelectionState.Admitted => new Reply.Refused(turn.T("pipeline.error.alreadyRecorded", Markdown.Escape(subject.Name))),
        _ => new Reply.Refused(turn.T("selection.error.ended", Markdown.Escape(subject.Name))),
    };

    /// <summary>Whether the person may be put up: an applicant without a selection still open.</summary>
    private static async Task<Reply?> NotACandidateAsync(Turn turn, Member subject, CancellationToken cancellationToken)
    {
        if (!SelectionRules.MayBeCandidate(subject)) return new Reply.Refused(turn.T("selection.error.notApplicant", Markdown.Escape(subject.Name), Formats.Stage(turn.Language, subject.Stage)));
        if (await turn.Db.Selections.AsNoTracking().AnyAsync(s => s.SubjectId == subject.Id && s.Outcome == null, cancellationToken))
            return new Reply.Refused(turn.T("selection.error.alreadyNoticed", Markdown.Escape(subject.Name)));
        return null;
    }

    private static async Task<Member?> SubjectAsync(Turn turn, CardData data, CancellationToken cancellationToken, bool tracked = false)
    {
        var reference = data.Reference(DevelopmentCard.SubjectField);
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var members = tracked ? turn.Db.Members : turn.Db.Members.AsNoTracking();
        return await members.WithStageHistory().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>The selection the card names, tracked with its objections.</summary>
    private static async Task<Selection?> SelectionAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(NoticeCard.SelectionField);
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        return await turn.Db.Selections.Include(s => s.Objections).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    private static async Task<(Selection Selection, SelectionObjection Objection)?> ObjectionAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(ObjectionCard.ObjectionField);
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var selectionId = await turn.Db.SelectionObjections.AsNoTracking().Where(o => o.Id == id).Select(o => (long?)o.SelectionId).FirstOrDefaultAsync(cancellationToken);
        if (selectionId is null) return null;
        var selection = await turn.Db.Selections.Include(s => s.Objections).FirstAsync(s => s.Id == selectionId, cancellationToken);
        return (selection, selection.Objections.Single(o => o.Id == id));
    }

    private static Task<List<Evaluation>> EvaluationsAsync(Turn turn, int subjectId, CancellationToken cancellationToken) =>
        turn.Db.Evaluations.AsNoTracking().Where(e => e.SubjectId == subjectId && e.Kind == ObligationKind.ActivistEvaluation).ToListAsync(cancellationToken);

    private static Task<List<NamedPerson>> FullMembersAsync(Turn turn, int exceptId, CancellationToken cancellationToken) =>
        turn.Db.Members.AsNoTracking().Where(m => m.Stage == Stage.Full && m.Id != exceptId)
            .OrderBy(m => m.Name).ThenBy(m => m.StudentNumber)
            .Select(m => new NamedPerson(m.Id, m.Name, m.StudentNumber)).ToListAsync(cancellationToken);

    private static async Task<List<int>> CommitteeAsync(Turn turn, CancellationToken cancellationToken) =>
        (await turn.Db.Members.AsNoTracking().Select(m => new { m.Id, m.Roles }).ToListAsync(cancellationToken))
        .Where(m => (m.Roles & Roles.Committee) != 0).Select(m => m.Id).ToList();

    private static Task<Dictionary<int, TeamsUser>> UsersAsync(Turn turn, IReadOnlyCollection<int> memberIds, CancellationToken cancellationToken) =>
        turn.Db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null && memberIds.Contains(u.MemberId.Value)).ToDictionaryAsync(u => u.MemberId!.Value, cancellationToken);

    private static NamedPerson Named(Member m) => new(m.Id, m.Name, m.StudentNumber);

    private static string StaleText(Turn turn, Member subject) =>
        turn.T("pipeline.error.stale", Markdown.Escape(subject.Name), Formats.Stage(turn.Language, subject.Stage), Formats.Date(turn.Language, subject.StageSince));

    /// <summary>A message to someone else, a row of the delivery ledger saved by <see cref="QueueSaveAsync"/> (never sent in the turn).</summary>
    private static void Queue(Turn turn, int memberId, string step, QueuedMessage message, int subjectId) =>
        turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(memberId, step, message), ObligationKind.ThoughtReport,
            Period.Containing(Cadence.Monthly, turn.Today), subjectId, turn.Now));

    private async Task QueueSaveAsync(Turn turn, string step, CancellationToken cancellationToken)
    {
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "The messages of {Step} were queued already.", step);
            turn.Db.ChangeTracker.Clear();
        }
    }

    /// <summary>Saves a record carrying an idempotency key; a racing second click of the same card finds the first one's record.</summary>
    private async Task<Reply?> SaveAsync(Turn turn, Member subject, string key, CancellationToken cancellationToken)
    {
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent selection decision {Key} was refused.", key);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("pipeline.error.alreadyRecorded", Markdown.Escape(subject.Name)));
        }
    }

    /// <summary>Saves a resolution or a conclusion; another committee member's save in between changed the outcome first.</summary>
    private async Task<Reply?> SaveResolvedAsync(Turn turn, Member subject, CancellationToken cancellationToken)
    {
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException e)
        {
            logger.LogInformation(e, "A concurrent resolution of the selection of {SubjectId} was refused.", subject.Id);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("selection.error.objectionResolved", Markdown.Escape(subject.Name)));
        }
    }
}
