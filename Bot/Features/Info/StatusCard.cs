using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Info;

public sealed record StatusLine(ObligationKind Kind, Period Period, DateOnly DueDate, ObligationStatus Status, string? SubjectName)
{
    /// <summary>The mentee of a talk, so that two mentees with the same name are told apart.</summary>
    public NamedPerson? Subject { get; init; }
}

public sealed record PendingRequestLine(ObligationKind Kind, Period Period, DateOnly RequestedUntil, DateOnly AskedOn);

/// <summary>"My status": what is still owed and by when, and what was done recently.</summary>
public static class StatusCard
{
    /// <summary>Open items spelled out, most pressing first (a mentor a year behind with many mentees owes hundreds).</summary>
    public const int MaxOpenListed = 30;

    public static AdaptiveCard Build(Language language, string name, Stage stage, DateOnly stageSince,
        IReadOnlyList<StatusLine> open, IReadOnlyList<StatusLine> done, bool canWriteReport,
        IReadOnlyList<StatusLine>? missed = null, IReadOnlyList<PendingRequestLine>? pending = null)
    {
        var t = Texts.Default;
        var subjects = PersonNames.Distinct(language, open.Concat(done).Select(l => l.Subject).OfType<NamedPerson>());
        string What(StatusLine l) => l.Kind == ObligationKind.Talk && l.SubjectName is not null
            ? t.Get(language, "overdue.talkWith", Markdown.Escape(l.Subject is { } s ? subjects[s.MemberId] : UserText.Clip(l.SubjectName)))
            : Formats.Kind(language, l.Kind);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "status.title", Markdown.Escape(UserText.Clip(name)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
            TextBlock.Trusted(t.Get(language, "status.stage", Formats.Stage(language, stage), Formats.Date(language, stageSince))) with { IsSubtle = true },
            TextBlock.Trusted(t.Get(language, "status.owed.title")) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
        };
        body.Add(open.Count == 0
            ? TextBlock.Trusted(t.Get(language, "status.nothingOwed"))
            : TextBlock.Trusted(string.Join("\n", open.Take(MaxOpenListed).Select(l => "- " + t.Get(language, "status.owed.item", What(l), Formats.Period(language, l.Period), Formats.Date(language, l.DueDate))
                + (l.Status == ObligationStatus.Overdue ? " · " + Formats.Status(language, l.Status) : ""))
                .Concat(open.Count > MaxOpenListed ? [t.Get(language, "status.moreOpen", open.Count - MaxOpenListed)] : []))));
        if (pending is { Count: > 0 })
        {
            body.Add(TextBlock.Trusted(t.Get(language, "status.pending.title")) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(TextBlock.Trusted(string.Join("\n", pending.Select(p => "- " + t.Get(language, "status.pending.item",
                Formats.Kind(language, p.Kind), Formats.Period(language, p.Period), Formats.Date(language, p.RequestedUntil), Formats.Date(language, p.AskedOn))))));
        }
        if (missed is { Count: > 0 })
        {
            body.Add(TextBlock.Trusted(t.Get(language, "status.missed.title")) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(TextBlock.Trusted(string.Join("\n", missed.Take(MaxOpenListed).Select(l => "- " + t.Get(language, "status.done.item", What(l), Formats.Period(language, l.Period), Formats.Status(language, l.Status)))
                .Concat(missed.Count > MaxOpenListed ? [t.Get(language, "status.moreMissed", missed.Count - MaxOpenListed)] : []))));
        }
        if (done.Count > 0)
        {
            body.Add(TextBlock.Trusted(t.Get(language, "status.done.title")) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(TextBlock.Trusted(string.Join("\n", done.Select(l => "- " + t.Get(language, "status.done.item", What(l), Formats.Period(language, l.Period), Formats.Status(language, l.Status))))));
        }
        var actions = canWriteReport
            ? new List<CardAction> { new ActionSubmit(t.Get(language, "status.writeNow"), CardActionData.For(Verbs.ReportForm)) }
            : null;
        return new AdaptiveCard(body, actions);
    }
}
