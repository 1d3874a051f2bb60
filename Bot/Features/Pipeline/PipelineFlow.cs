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
/// The committee moves people on: activist → development target (confirmation and introducers), the public defence
/// (each committee member's marks), development target → probationary member (branch meeting and upper approval).
/// Only committee members, by the roster; the person named by a card is re-read and must still hold the stage the
/// card was built for.
/// </summary>
public sealed class PipelineFlow(DeliverySignal delivery, ILogger<PipelineFlow> logger)
{
    public async Task<Reply> DevelopFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        var eligibility = DevelopmentRules.On(subject, await ActivistEvaluationsAsync(turn, subject.Id, cancellationToken), turn.Today);
        if (!eligibility.IsEligible) return new Reply.Refused(NotEligible(turn, subject, eligibility));
        var full = await turn.Db.Members.AsNoTracking().Where(m => m.Stage == Stage.Full && m.Id != subject.Id)
            .OrderBy(m => m.Name).ThenBy(m => m.StudentNumber)
            .Select(m => new NamedPerson(m.Id, m.Name, m.StudentNumber)).ToListAsync(cancellationToken);
        var view = new DevelopmentView(Named(subject), await GroupNameAsync(turn, subject, cancellationToken), subject.StageSince, eligibility.NoEvaluationYet);
        return Reply.Show(DevelopmentCard.Build(turn.Language, view, full, turn.Today, ReportFlow.NewCardId()));
    }

    public async Task<Reply> DevelopSubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var since = data.Date(DevelopmentCard.SinceField);
        var decidedOn = data.Date(DevelopmentCard.DecidedOnInput);
        var filedOn = data.Date(DevelopmentCard.FiledOnInput);
        var first = data.Reference(DevelopmentCard.Introducer1Input);
        var second = data.Reference(DevelopmentCard.Introducer2Input);
        var opinionsHeard = data.Toggle(DevelopmentCard.OpinionsInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var (subject, key, refusal) = await DecisionSubjectAsync(turn, data, Stage.Activist, since!.Value, cancellationToken);
        if (refusal is not null) return refusal;
        if (!opinionsHeard) return new Reply.Refused(turn.T("pipeline.error.opinionsRequired"));
        if (Dates(turn, (DevelopmentCard.DecidedOnInput, decidedOn!.Value), (DevelopmentCard.FiledOnInput, filedOn!.Value)) is { } badDate) return badDate;
        var eligibility = DevelopmentRules.On(subject, await ActivistEvaluationsAsync(turn, subject.Id, cancellationToken), decidedOn.Value);
        if (!eligibility.IsEligible) return new Reply.Refused(NotEligible(turn, subject, eligibility));

        var ids = new List<int>();
        foreach (var reference in new[] { first, second })
        {
            if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return new Reply.Refused(turn.T("error.badChoice"));
            ids.Add(id);
        }
        if (ids[0] == ids[1]) return new Reply.Refused(turn.T("pipeline.error.introducersSame"));
        var introducers = await turn.Db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        if (introducers.Count != 2) return new Reply.Refused(turn.T("error.badChoice"));
        if (introducers.FirstOrDefault(i => !RosterRules.MayMentor(i.Stage) || i.Id == subject.Id) is { } notFull)
            return new Reply.Refused(turn.T("pipeline.error.introducerNotFull", Markdown.Escape(notFull.Name)));
        introducers = [.. ids.Select(id => introducers.Single(i => i.Id == id))];

        subject.RecordStage(new StageChange(Stage.DevelopmentTarget, decidedOn.Value, StageChangeSource.CommitteeAction, turn.Today));
        subject.SetMentors(ids);
        turn.Db.StageDecisions.Add(StageDecision.Development(subject.Id, decidedOn.Value, filedOn.Value, turn.Member.Id, turn.Now, key));
        if (await SaveAsync(turn, subject, key, cancellationToken) is { } refused) return refused;

        var step = FormattableString.Invariant($"pipeline:develop:{subject.Id}:{decidedOn.Value:yyyyMMdd}");
        await TellAsync(subject.Id, step, (t, language) => t.Get(language, "pipeline.develop.toSubject", Formats.Date(language, decidedOn.Value),
            Markdown.Escape(introducers[0].Name), Markdown.Escape(introducers[1].Name)), turn, cancellationToken);
        foreach (var introducer in introducers)
            await TellAsync(introducer.Id, step, (t, language) => t.Get(language, "pipeline.develop.toIntroducer", Markdown.Escape(subject.Name), Formats.Date(language, decidedOn.Value)), turn, cancellationToken);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T("pipeline.develop.done", Markdown.Escape(subject.Name), Formats.Date(turn.Language, decidedOn.Value),
            Markdown.Escape(introducers[0].Name), Markdown.Escape(introducers[1].Name))));
    }

    public async Task<Reply> DefenceFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        if (subject.Stage != Stage.DevelopmentTarget) return new Reply.Refused(StaleText(turn, subject));
        var view = await DefenceViewAsync(turn, subject, cancellationToken);
        return Reply.Show(DefenceCard.Build(turn.Language, view, ReportFlow.NewCardId()));
    }

    public async Task<Reply> DefenceScoreAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var since = data.Date(DevelopmentCard.SinceField);
        var defence = data.Int(DefenceCard.DefenceInput, DefenceScoring.MinMark, DefenceScoring.MaxMark);
        var dailyWork = data.Int(DefenceCard.DailyWorkInput, DefenceScoring.MinMark, DefenceScoring.MaxMark);
        if (data.Error is { Code: CardDataErrorCode.BadNumber, Field: DefenceCard.DefenceInput or DefenceCard.DailyWorkInput } range)
            return new Reply.Refused(turn.T("pipeline.error.markRange", turn.T(Errors.LabelKey(range.Field)!), DefenceScoring.MinMark, DefenceScoring.MaxMark));
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T("error.badCard"));
        if (Stale(turn, subject, Stage.DevelopmentTarget, since!.Value) is { } stale) return stale;
        if (subject.Id == turn.Member.Id) return new Reply.Refused(turn.T("error.notPermitted"));

        var marks = new DefenceMarks(defence!.Value, dailyWork!.Value);
        var me = turn.Member.Id;
        var score = await turn.Db.DefenceScores.FirstOrDefaultAsync(s => s.SubjectId == subject.Id && s.StageSince == subject.StageSince && s.ScorerId == me, cancellationToken);
        if (score is null) turn.Db.DefenceScores.Add(new DefenceScore(subject.Id, subject.StageSince, me, marks, turn.Now));
        else score.Rescore(marks, turn.Now);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two clicks at once: the other one stored this scorer's marks.
            logger.LogInformation(e, "A concurrent defence score for {SubjectId} by {ScorerId} was refused.", subject.Id, me);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("error.duplicate"));
        }
        var view = await DefenceViewAsync(turn, subject, cancellationToken);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T("pipeline.defence.saved", Markdown.Escape(subject.Name), marks.Defence, marks.DailyWork,
            DefenceCard.Number(DefenceScoring.Score(marks)), view.SoFar.Scorers, DefenceCard.Average(view.SoFar.Average))));
    }

    public async Task<Reply> AdmitFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        if (subject.Stage != Stage.DevelopmentTarget) return new Reply.Refused(StaleText(turn, subject));
        var view = await DefenceViewAsync(turn, subject, cancellationToken);
        return Reply.Show(AdmissionCard.Build(turn.Language, view, turn.Today, ReportFlow.NewCardId()));
    }

    public async Task<Reply> AdmitSubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var since = data.Date(DevelopmentCard.SinceField);
        var meetingOn = data.Date(AdmissionCard.MeetingOnInput);
        var approvedOn = data.Date(AdmissionCard.ApprovedOnInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var (subject, key, refusal) = await DecisionSubjectAsync(turn, data, Stage.DevelopmentTarget, since!.Value, cancellationToken);
        if (refusal is not null) return refusal;
        if (Dates(turn, (DevelopmentCard.SinceField, subject.StageSince), (AdmissionCard.MeetingOnInput, meetingOn!.Value), (AdmissionCard.ApprovedOnInput, approvedOn!.Value)) is { } badDate)
            return badDate;
        var result = (await DefenceViewAsync(turn, subject, cancellationToken)).SoFar;
        if (!result.Passed)
            return new Reply.Refused(turn.T("pipeline.error.defenceNotPassed", Markdown.Escape(subject.Name), AdmissionCard.Result(turn.Language, result)));

        // The probation is counted from the branch meeting's decision (支部大会通过之日).
        subject.RecordStage(new StageChange(Stage.Probationary, meetingOn.Value, StageChangeSource.CommitteeAction, turn.Today));
        turn.Db.StageDecisions.Add(StageDecision.Admission(subject.Id, meetingOn.Value, approvedOn.Value, turn.Member.Id, turn.Now, key));
        if (await SaveAsync(turn, subject, key, cancellationToken) is { } refused) return refused;

        var ends = subject.ProbationEndsOn!.Value;
        await TellAsync(subject.Id, FormattableString.Invariant($"pipeline:admit:{subject.Id}:{meetingOn.Value:yyyyMMdd}"), (t, language) => t.Get(language, "pipeline.admit.toSubject", Formats.Date(language, meetingOn.Value),
            Formats.Date(language, approvedOn.Value), Formats.Date(language, ends)), turn, cancellationToken);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T("pipeline.admit.done", Markdown.Escape(subject.Name),
            Formats.Date(turn.Language, meetingOn.Value), Formats.Date(turn.Language, approvedOn.Value), Formats.Date(turn.Language, ends))));
    }

    public async Task<Reply> ProbationFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var subject = await SubjectAsync(turn, data, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T(data.Error is { } e ? e.TextKey : "error.badCard"));
        if (subject.Stage != Stage.Probationary) return new Reply.Refused(StaleText(turn, subject));
        var probation = await ProbationAsync(turn, subject, cancellationToken);
        if (probation.Decided) return new Reply.Refused(turn.T("pipeline.error.probationDecided", Markdown.Escape(subject.Name)));
        return Reply.Show(ProbationCard.Build(turn.Language, new ProbationView(Named(subject), subject.StageSince, probation.EndsOn), turn.Today, ReportFlow.NewCardId()));
    }

    public async Task<Reply> ProbationSubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var since = data.Date(DevelopmentCard.SinceField);
        var outcome = data.Choice<ProbationOutcomeChoice>(ProbationCard.OutcomeInput);
        var meetingOn = data.Date(ProbationCard.MeetingOnInput);
        var newEnd = data.Date(ProbationCard.NewEndInput, required: false);
        var note = data.String(ProbationCard.NoteInput, ProbationCard.NoteMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var (subject, key, refusal) = await DecisionSubjectAsync(turn, data, Stage.Probationary, since!.Value, cancellationToken);
        if (refusal is not null) return refusal;
        var probation = await ProbationAsync(turn, subject, cancellationToken);
        if (probation.Decided) return new Reply.Refused(turn.T("pipeline.error.probationDecided", Markdown.Escape(subject.Name)));
        if (Dates(turn, (ProbationCard.MeetingOnInput, meetingOn!.Value)) is { } badDate) return badDate;
        if (meetingOn.Value < subject.StageSince)
            return new Reply.Refused(turn.T("pipeline.error.dateBefore", turn.T("pipeline.probation.meetingOn"), Formats.Date(turn.Language, meetingOn.Value),
                turn.T("pipeline.probation.since"), Formats.Date(turn.Language, subject.StageSince)));

        var end = probation.EndsOn;
        StageDecision decision;
        string toSubject(Texts t, Language language) => outcome switch
        {
            ProbationOutcomeChoice.OnTime => t.Get(language, "pipeline.probation.toSubject.onTime", Formats.Date(language, end)),
            ProbationOutcomeChoice.Postponed => t.Get(language, "pipeline.probation.toSubject.postponed", Formats.Date(language, newEnd!.Value)),
            _ => t.Get(language, "pipeline.probation.toSubject.otherOutcome", Markdown.Escape(note)),
        };
        switch (outcome)
        {
            case ProbationOutcomeChoice.OnTime:
                if (turn.Today < end) return new Reply.Refused(turn.T("pipeline.error.probationNotEnded", Markdown.Escape(subject.Name), Formats.Date(turn.Language, end)));
                if (newEnd is not null) return new Reply.Refused(turn.T("pipeline.error.newEndOnlyForPostponement"));
                decision = StageDecision.ProbationOutcome(subject.Id, StageDecisionKind.Conversion, meetingOn.Value, null, note, turn.Member.Id, turn.Now, key);
                // Converted on time: a full member from the day the probation ends.
                subject.RecordStage(new StageChange(Stage.Full, end, StageChangeSource.CommitteeAction, turn.Today));
                break;
            case ProbationOutcomeChoice.Postponed:
                if (newEnd is null) return new Reply.Refused(turn.T("error.missingField", turn.T("pipeline.probation.newEnd")));
                if (!ProbationRules.MayPostponeTo(subject, end, newEnd.Value))
                    return new Reply.Refused(turn.T("pipeline.error.badNewEnd", Formats.Date(turn.Language, newEnd.Value), Formats.Date(turn.Language, end), Formats.Date(turn.Language, subject.StageSince.AddYears(2))));
                decision = StageDecision.ProbationOutcome(subject.Id, StageDecisionKind.Postponement, meetingOn.Value, newEnd, note, turn.Member.Id, turn.Now, key);
                break;
            default:
                if (note is null) return new Reply.Refused(turn.T("error.missingField", turn.T("pipeline.probation.note")));
                if (newEnd is not null) return new Reply.Refused(turn.T("pipeline.error.newEndOnlyForPostponement"));
                decision = StageDecision.ProbationOutcome(subject.Id, StageDecisionKind.OtherOutcome, meetingOn.Value, null, note, turn.Member.Id, turn.Now, key);
                break;
        }
        turn.Db.StageDecisions.Add(decision);
        if (await SaveAsync(turn, subject, key, cancellationToken) is { } refused) return refused;

        await TellAsync(subject.Id, FormattableString.Invariant($"pipeline:probation:{subject.Id}:{decision.Id}"), toSubject, turn, cancellationToken);
        return new Reply.ReplaceCard(DevelopmentCard.Done(turn.Language, turn.T("pipeline.probation.done", Markdown.Escape(subject.Name)) + " " + toSubject(Texts.Default, turn.Language)));
    }

    /// <summary>The probation now served: its end after any postponement, and whether another outcome already closed it.</summary>
    private static async Task<(DateOnly EndsOn, bool Decided)> ProbationAsync(Turn turn, Member subject, CancellationToken cancellationToken)
    {
        var decisions = await turn.Db.StageDecisions.AsNoTracking()
            .Where(d => d.SubjectId == subject.Id && d.DecidedOn >= subject.StageSince && (d.Kind == StageDecisionKind.Postponement || d.Kind == StageDecisionKind.OtherOutcome))
            .ToListAsync(cancellationToken);
        return ProbationEnd(subject, decisions);
    }

    /// <summary>The end of the probation now served and whether another outcome closed it, from the subject's decisions.</summary>
    public static (DateOnly EndsOn, bool Decided) ProbationEnd(Member subject, IEnumerable<StageDecision> decisions)
    {
        var during = decisions.Where(d => d.SubjectId == subject.Id && d.DecidedOn >= subject.StageSince).ToList();
        var postponements = during.Where(d => d.Kind == StageDecisionKind.Postponement).Select(d => new Postponement(d.DecidedOn, d.NewEnd!.Value));
        return (ProbationRules.EndsOn(subject, postponements)!.Value, during.Any(d => d.Kind == StageDecisionKind.OtherOutcome));
    }

    /// <summary>The committee's summary section: who is eligible to become a development target, the development targets, and the probations ending soon.</summary>
    public static async Task<IReadOnlyList<CardElement>> SectionAsync(Turn turn, CancellationToken cancellationToken)
    {
        var people = await turn.Db.Members.AsNoTracking().Where(m => m.Stage != Stage.Full)
            .Include(m => m.StageChanges).AsSplitQuery().ToListAsync(cancellationToken);
        if (people.Count == 0) return [];
        var groups = await turn.Db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var activistIds = people.Where(p => p.Stage == Stage.Activist).Select(p => p.Id).ToList();
        var evaluations = (await turn.Db.Evaluations.AsNoTracking()
                .Where(e => e.Kind == ObligationKind.ActivistEvaluation && activistIds.Contains(e.SubjectId))
                .Select(e => new { e.SubjectId, e.Period, e.Passed }).ToListAsync(cancellationToken))
            .ToLookup(e => e.SubjectId, e => new EvaluationResult(e.Period, e.Passed));
        var targetIds = people.Where(p => p.Stage == Stage.DevelopmentTarget).Select(p => p.Id).ToList();
        var scores = await turn.Db.DefenceScores.AsNoTracking().Where(s => targetIds.Contains(s.SubjectId))
            .Select(s => new { s.SubjectId, s.StageSince }).ToListAsync(cancellationToken);

        PipelinePerson Row(Member m) => new(Named(m), groups.GetValueOrDefault(m.GroupId, ""), m.StageSince);
        var eligible = people.Where(p => p.Stage == Stage.Activist)
            .Select(p => (Member: p, Eligibility: DevelopmentRules.On(p, evaluations[p.Id], turn.Today)))
            .Where(x => x.Eligibility.IsEligible)
            .OrderBy(x => x.Member.StageSince).ThenBy(x => x.Member.StudentNumber, StringComparer.Ordinal)
            .Select(x => Row(x.Member) with { NoEvaluationYet = x.Eligibility.NoEvaluationYet })
            .ToList();
        var targets = people.Where(p => p.Stage == Stage.DevelopmentTarget)
            .OrderBy(p => p.StageSince).ThenBy(p => p.StudentNumber, StringComparer.Ordinal)
            .Select(p => Row(p) with { Scorers = scores.Count(s => s.SubjectId == p.Id && s.StageSince == p.StageSince) })
            .ToList();
        var probationIds = people.Where(p => p.Stage == Stage.Probationary).Select(p => p.Id).ToList();
        var decisions = await turn.Db.StageDecisions.AsNoTracking()
            .Where(d => probationIds.Contains(d.SubjectId) && (d.Kind == StageDecisionKind.Postponement || d.Kind == StageDecisionKind.OtherOutcome))
            .ToListAsync(cancellationToken);
        var probations = people.Where(p => p.Stage == Stage.Probationary)
            .Select(p => (Member: p, End: ProbationEnd(p, decisions)))
            .Where(x => !x.End.Decided && x.End.EndsOn <= turn.Today.AddDays(PipelineSection.ProbationDaysAhead))
            .OrderBy(x => x.End.EndsOn).ThenBy(x => x.Member.StudentNumber, StringComparer.Ordinal)
            .Select(x => Row(x.Member) with { Since = x.End.EndsOn })
            .ToList();
        return PipelineSection.Build(turn.Language, new(eligible.Count, eligible.Take(PipelineSection.MaxNames).ToList()), new(targets.Count, targets.Take(PipelineSection.MaxNames).ToList()),
            new(probations.Count, probations.Take(PipelineSection.MaxNames).ToList()));
    }

    /// <summary>
    /// What every committee decision checks first: the card's id (the decision's idempotency key with the speaker),
    /// the person it names, a decision already recorded from this card, and that the person still holds the stage
    /// the card was built for. The person is tracked, for the stage change.
    /// </summary>
    private static async Task<(Member Subject, string Key, Reply? Refused)> DecisionSubjectAsync(Turn turn, CardData data, Stage stage, DateOnly since, CancellationToken cancellationToken)
    {
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return (null!, "", new Reply.Refused(turn.T("error.badCard")));
        var subject = await SubjectAsync(turn, data, cancellationToken, tracked: true);
        if (subject is null) return (null!, "", new Reply.Refused(turn.T("error.badCard")));
        var key = $"{turn.Member.Id}:{cardId}";
        if (await AlreadyRecordedAsync(turn, key, cancellationToken)) return (subject, key, new Reply.Refused(turn.T("pipeline.error.alreadyRecorded", Markdown.Escape(subject.Name))));
        return (subject, key, Stale(turn, subject, stage, since));
    }

    private static async Task<Member?> SubjectAsync(Turn turn, CardData data, CancellationToken cancellationToken, bool tracked = false)
    {
        var reference = data.Reference(DevelopmentCard.SubjectField);
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var members = tracked ? turn.Db.Members : turn.Db.Members.AsNoTracking();
        return await members.WithStageHistory().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    private static async Task<List<EvaluationResult>> ActivistEvaluationsAsync(Turn turn, int subjectId, CancellationToken cancellationToken) =>
        (await turn.Db.Evaluations.AsNoTracking()
            .Where(e => e.SubjectId == subjectId && e.Kind == ObligationKind.ActivistEvaluation)
            .Select(e => new { e.Period, e.Passed }).ToListAsync(cancellationToken))
        .Select(e => new EvaluationResult(e.Period, e.Passed)).ToList();

    private static async Task<DefenceView> DefenceViewAsync(Turn turn, Member subject, CancellationToken cancellationToken)
    {
        var scores = await turn.Db.DefenceScores.AsNoTracking()
            .Where(s => s.SubjectId == subject.Id && s.StageSince == subject.StageSince)
            .Select(s => new { s.ScorerId, s.Defence, s.DailyWork }).ToListAsync(cancellationToken);
        var own = scores.FirstOrDefault(s => s.ScorerId == turn.Member.Id);
        return new DefenceView(Named(subject), subject.StageSince, DefenceScoring.Result(scores.Select(s => new DefenceMarks(s.Defence, s.DailyWork))),
            own is null ? null : new DefenceMarks(own.Defence, own.DailyWork));
    }

    private static Task<string> GroupNameAsync(Turn turn, Member member, CancellationToken cancellationToken) =>
        turn.Db.Groups.AsNoTracking().Where(g => g.Id == member.GroupId).Select(g => g.Name).FirstAsync(cancellationToken);

    private static NamedPerson Named(Member m) => new(m.Id, m.Name, m.StudentNumber);

    private static Task<bool> AlreadyRecordedAsync(Turn turn, string key, CancellationToken cancellationToken) =>
        turn.Db.StageDecisions.AsNoTracking().AnyAsync(d => d.IdempotencyKey == key, cancellationToken);

    /// <summary>The card was built for a stage the person no longer holds (moved on, corrected, or forged).</summary>
    private static Reply? Stale(Turn turn, Member subject, Stage stage, DateOnly since) =>
        subject.Stage == stage && subject.StageSince == since ? null : new Reply.Refused(StaleText(turn, subject));

    private static string NotEligible(Turn turn, Member subject, DevelopmentEligibility eligibility) => eligibility.Verdict switch
    {
        DevelopmentVerdict.TooEarly => turn.T("pipeline.error.tooEarly", Markdown.Escape(subject.Name), Formats.Date(turn.Language, eligibility.EligibleOn!.Value)),
        DevelopmentVerdict.LastEvaluationFailed => turn.T("pipeline.error.evaluationFailed", Markdown.Escape(subject.Name)),
        _ => StaleText(turn, subject),
    };

    private static string StaleText(Turn turn, Member subject) =>
        turn.T("pipeline.error.stale", Markdown.Escape(subject.Name), Formats.Stage(turn.Language, subject.Stage), Formats.Date(turn.Language, subject.StageSince));

    /// <summary>Each date is not in the future and not before the one listed before it.</summary>
    private static Reply? Dates(Turn turn, params (string Field, DateOnly Date)[] dates)
    {
        for (var i = 0; i < dates.Length; i++)
        {
            var (field, date) = dates[i];
            if (date > turn.Today) return new Reply.Refused(turn.T("error.dateInFuture", Formats.Date(turn.Language, date)));
            if (i > 0 && date < dates[i - 1].Date)
                return new Reply.Refused(turn.T("pipeline.error.dateBefore", turn.T(Label(field)), Formats.Date(turn.Language, date), turn.T(Label(dates[i - 1].Field)), Formats.Date(turn.Language, dates[i - 1].Date)));
        }
        return null;

        static string Label(string field) => Errors.LabelKey(field) ?? "pipeline.fact.stageSince";
    }

    /// <summary>Saves the decision; a racing second click of the same card finds the first one's record.</summary>
    private async Task<Reply?> SaveAsync(Turn turn, Member subject, string key, CancellationToken cancellationToken)
    {
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent stage decision {Key} was refused.", key);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("pipeline.error.alreadyRecorded", Markdown.Escape(subject.Name)));
        }
    }

    /// <summary>
    /// A decision's outcome to one person, in their language, queued in the delivery ledger for the worker (never
    /// sent inside the turn); a failed delivery does not undo the decision. The ledger row names the person as its
    /// subject and the month of the decision, under a step unique to the decision.
    /// </summary>
    private async Task TellAsync(int memberId, string step, Func<Texts, Language, string> text, Turn turn, CancellationToken cancellationToken)
    {
        var message = QueuedMessage.Of(null, text(Texts.Default, await UserLanguage.OfMemberAsync(turn.Db, memberId, cancellationToken)));
        turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(memberId, step, message), ObligationKind.ThoughtReport,
            Period.Containing(Cadence.Monthly, turn.Today), memberId, turn.Now));
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "The stage decision message {Step} to {MemberId} was queued already.", step, memberId);
            turn.Db.ChangeTracker.Clear();
        }
    }
}
