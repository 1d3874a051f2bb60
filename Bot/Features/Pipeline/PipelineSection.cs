using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Pipeline;

public sealed record PipelinePerson(NamedPerson Person, string GroupName, DateOnly Since)
{
    /// <summary>
    /// Activists: no activist evaluation recorded yet. Development targets: how many scored the defence. <see cref="Since"/>
    /// is the stage's start, or for a probationary member the end of the probation.
    /// </summary>
    public bool NoEvaluationYet { get; init; }
    public int Scorers { get; init; }
}

// Total: how many; First: the first few, by since date then student number.
public sealed record PipelineList(int Total, IReadOnlyList<PipelinePerson> First)
{
    public static readonly PipelineList None = new(0, []);
}

/// <summary>
/// The committee's "stages to move" section of its summary: activists eligible to become development targets (with
/// a button to confirm) and development targets (buttons to score the defence and to record the admission). Empty
/// when there is nobody to move.
/// </summary>
public static class PipelineSection
{
    public const int MaxNames = 5;

    /// <summary>Probation ends within this many days (or has ended without an outcome): listed for the committee.</summary>
    public const int ProbationDaysAhead = 60;

    public static IReadOnlyList<CardElement> Build(Language language, PipelineList eligible, PipelineList targets, PipelineList? probations = null)
    {
        var t = Texts.Default;
        var body = new List<CardElement>();
        if (eligible.Total > 0)
        {
            Title(t.Get(language, "pipeline.section.eligible", eligible.Total));
            foreach (var p in eligible.First.Take(MaxNames))
            {
                var line = t.Get(language, "pipeline.section.eligibleLine", Markdown.Escape(UserText.Clip(p.Person.Name)), Markdown.Escape(UserText.Clip(p.Person.StudentNumber, 20)),
                    Markdown.Escape(UserText.Clip(p.GroupName)), Formats.Date(language, p.Since));
                if (p.NoEvaluationYet) line += t.Get(language, "pipeline.section.noEvaluationYet");
                Person(line, [new ActionSubmit(t.Get(language, "pipeline.confirm"), Data(Verbs.PipelineDevelopForm, p))]);
            }
            More(eligible);
        }
        if (targets.Total > 0)
        {
            Title(t.Get(language, "pipeline.section.targets", targets.Total));
            foreach (var p in targets.First.Take(MaxNames))
                Person(t.Get(language, "pipeline.section.targetLine", Markdown.Escape(UserText.Clip(p.Person.Name)), Markdown.Escape(UserText.Clip(p.Person.StudentNumber, 20)),
                        Markdown.Escape(UserText.Clip(p.GroupName)), Formats.Date(language, p.Since), p.Scorers),
                    [
                        new ActionSubmit(t.Get(language, "pipeline.score"), Data(Verbs.PipelineDefenceForm, p)),
                        new ActionSubmit(t.Get(language, "pipeline.admit"), Data(Verbs.PipelineAdmitForm, p)),
                    ]);
            More(targets);
        }
        if (probations is { Total: > 0 })
        {
            Title(t.Get(language, "pipeline.section.probations", probations.Total, ProbationDaysAhead));
            foreach (var p in probations.First.Take(MaxNames))
                Person(t.Get(language, "pipeline.section.probationLine", Markdown.Escape(UserText.Clip(p.Person.Name)), Markdown.Escape(UserText.Clip(p.Person.StudentNumber, 20)),
                        Markdown.Escape(UserText.Clip(p.GroupName)), Formats.Date(language, p.Since)),
                    [new ActionSubmit(t.Get(language, "pipeline.probation.record"), Data(Verbs.PipelineProbationForm, p))]);
            More(probations);
        }
        return body;

        void Title(string text) => body.Add(TextBlock.Trusted(text) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true });

        void Person(string line, IReadOnlyList<CardAction> actions)
        {
            body.Add(TextBlock.Trusted(line) with { Spacing = Spacing.Small });
            body.Add(new ActionSet(actions) { Spacing = Spacing.None });
        }

        void More(PipelineList list)
        {
            var shown = Math.Min(list.First.Count, MaxNames);
            if (list.Total > shown) body.Add(TextBlock.Trusted(t.Get(language, "pipeline.section.more", list.Total - shown)) with { Spacing = Spacing.Small });
        }
    }

    private static CardActionData Data(string verb, PipelinePerson p) => CardActionData.For(verb).With(DevelopmentCard.SubjectField, p.Person.MemberId);
}
