using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>A public notice the committee still has to act on or watch: its dates, its state, and its first open objection.</summary>
public sealed record NoticeRow(long SelectionId, NamedPerson Person, DateOnly StartsOn, DateOnly EndsOn, SelectionState State, long? OpenObjectionId);

/// <summary>
/// The committee's summary section for the selection of activists and their evaluations: the notices running, held
/// by an objection or ready to conclude; the applicants who may be selected; the activists whose last quarter has no
/// evaluation yet; and the activists flagged for no progress (two needs-improvement in a row), with the way to stop.
/// </summary>
public static class SelectionSection
{
    public const int MaxNames = PipelineSection.MaxNames;

    public static IReadOnlyList<CardElement> Build(Language language, IReadOnlyList<NoticeRow> notices, PipelineList applicants, Period? dueQuarter, PipelineList dueEvaluations, PipelineList noProgress)
    {
        var t = Texts.Default;
        var body = new List<CardElement>();
        if (notices.Count > 0)
        {
            Title(t.Get(language, "selection.section.notices", notices.Count));
            foreach (var n in notices.Take(MaxNames))
            {
                var line = t.Get(language, "selection.section.noticeLine", Markdown.Escape(UserText.Clip(n.Person.Name)), Markdown.Escape(UserText.Clip(n.Person.StudentNumber, 20)),
                    Formats.Date(language, n.StartsOn), Formats.Date(language, n.EndsOn), t.Get(language, StateKey(n.State)));
                var id = n.SelectionId.ToString(CultureInfo.InvariantCulture);
                IReadOnlyList<CardAction> actions = n.State switch
                {
                    SelectionState.Held when n.OpenObjectionId is { } objection =>
                        [new ActionSubmit(t.Get(language, "selection.objection.open"), CardActionData.For(Verbs.SelectionObjectionForm).With(ObjectionCard.ObjectionField, objection.ToString(CultureInfo.InvariantCulture)))],
                    SelectionState.ReadyToConclude =>
                        [new ActionSubmit(t.Get(language, "selection.conclude.open"), CardActionData.For(Verbs.SelectionConcludeForm).With(NoticeCard.SelectionField, id))],
                    _ => [],
                };
                Person(line, actions);
            }
            More(notices.Count, Math.Min(notices.Count, MaxNames));
        }
        if (applicants.Total > 0)
        {
            Title(t.Get(language, "selection.section.applicants", applicants.Total));
            foreach (var p in applicants.First.Take(MaxNames))
                Person(t.Get(language, "selection.section.applicantLine", Markdown.Escape(UserText.Clip(p.Person.Name)), Markdown.Escape(UserText.Clip(p.Person.StudentNumber, 20)),
                        Markdown.Escape(UserText.Clip(p.GroupName)), Formats.Date(language, p.Since)),
                    [new ActionSubmit(t.Get(language, "selection.nominate.open"), Data(Verbs.SelectionNominateForm, p))]);
            More(applicants.Total, Math.Min(applicants.First.Count, MaxNames));
        }
        if (dueQuarter is not null && dueEvaluations.Total > 0)
        {
            Title(t.Get(language, "activistEval.section.due", Formats.Period(language, dueQuarter), dueEvaluations.Total));
            foreach (var p in dueEvaluations.First.Take(MaxNames))
                Person(t.Get(language, "pipeline.section.eligibleLine", Markdown.Escape(UserText.Clip(p.Person.Name)), Markdown.Escape(UserText.Clip(p.Person.StudentNumber, 20)),
                        Markdown.Escape(UserText.Clip(p.GroupName)), Formats.Date(language, p.Since)),
                    [new ActionSubmit(t.Get(language, "activistEval.open"), Data(Verbs.ActivistEvaluateForm, p))]);
            More(dueEvaluations.Total, Math.Min(dueEvaluations.First.Count, MaxNames));
        }
        if (noProgress.Total > 0)
        {
            Title(t.Get(language, "activistEval.section.noProgress", noProgress.Total));
            foreach (var p in noProgress.First.Take(MaxNames))
                Person(t.Get(language, "pipeline.section.eligibleLine", Markdown.Escape(UserText.Clip(p.Person.Name)), Markdown.Escape(UserText.Clip(p.Person.StudentNumber, 20)),
                        Markdown.Escape(UserText.Clip(p.GroupName)), Formats.Date(language, p.Since)),
                    [
                        new ActionSubmit(t.Get(language, "activistEval.open"), Data(Verbs.ActivistEvaluateForm, p)),
                        new ActionSubmit(t.Get(language, "activistStop.open"), Data(Verbs.ActivistStopForm, p)),
                    ]);
            More(noProgress.Total, Math.Min(noProgress.First.Count, MaxNames));
        }
        return body;

        void Title(string text) => body.Add(TextBlock.Trusted(text) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true });

        void Person(string line, IReadOnlyList<CardAction> actions)
        {
            body.Add(TextBlock.Trusted(line) with { Spacing = Spacing.Small });
            if (actions.Count > 0) body.Add(new ActionSet(actions) { Spacing = Spacing.None });
        }

        void More(int total, int shown)
        {
            if (total > shown) body.Add(TextBlock.Trusted(t.Get(language, "pipeline.section.more", total - shown)) with { Spacing = Spacing.Small });
        }
    }

    public static string StateKey(SelectionState state) => state switch
    {
        SelectionState.NoticeRunning => "selection.state.running",
        SelectionState.Held => "selection.state.held",
        SelectionState.ReadyToConclude => "selection.state.ready",
        SelectionState.Admitted => "selection.state.admitted",
        SelectionState.NotAdmitted => "selection.state.notAdmitted",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>
    /// "My status" for a candidate: their public notice while it runs, is held by an objection or waits to be concluded.
    /// The candidate sees the state, never who objected or why.
    /// </summary>
    public static async Task<IReadOnlyList<CardElement>> ForMemberAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member.Id;
        var selection = await OpenSelection.For(turn.Db)(turn.Db, me, cancellationToken);
        if (selection is null) return [];
        var state = SelectionRules.StateOn(selection, turn.Today);
        if (state is not (SelectionState.NoticeRunning or SelectionState.Held or SelectionState.ReadyToConclude)) return [];
        var line = Texts.Default.Get(turn.Language, "selection.status", Formats.Date(turn.Language, selection.NoticeStartsOn),
            Formats.Date(turn.Language, selection.NoticeEndsOn), Texts.Default.Get(turn.Language, StateKey(state)));
        return [TextBlock.Trusted(line) with { Spacing = Spacing.Medium, Separator = true }];
    }

    // Every status turn asks this: compiled once, with the member's id as its parameter.
    private static readonly PerModel<Func<BranchDbContext, int, CancellationToken, Task<Selection?>>> OpenSelection = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int me, CancellationToken _) => db.Selections.AsNoTracking().Include(s => s.Objections)
            .Where(s => s.SubjectId == me && s.Outcome == null)
            .OrderByDescending(s => s.Id)
            .FirstOrDefault()));

    private static CardActionData Data(string verb, PipelinePerson p) => CardActionData.For(verb).With(DevelopmentCard.SubjectField, p.Person.MemberId);
}
