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

/// <summary>A mentee (or development target) of the speaker: where they stand and their last talk with the speaker.</summary>
public sealed record MenteeLine(string Name, MentorKind Kind, Countdown Countdown, DateOnly? LastTalk, TalkAnswer? LastTalkAnswer);

public sealed record PendingRequestLine(ObligationKind Kind, Period Period, DateOnly RequestedUntil, DateOnly AskedOn);

/// <summary>"My status": what is still owed and by when, and what was done recently.</summary>
public static class StatusCard
{
    /// <summary>Open items spelled out, most pressing first (a mentor a year behind with many mentees owes hundreds).</summary>
    public const int MaxOpenListed = 30;

    public static AdaptiveCard Build(Language language, string name, Stage stage, DateOnly stageSince,
        IReadOnlyList<StatusLine> open, IReadOnlyList<StatusLine> done, bool canWriteReport,
        IReadOnlyList<StatusLine>? missed = null, IReadOnlyList<PendingRequestLine>? pending = null,
        Countdown? countdown = null, IReadOnlyList<MenteeLine>? mentees = null, bool hasReports = false)
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
        };
        if (countdown is not null && Next(language, countdown) is { } next) body.Add(TextBlock.Trusted(next));
        body.Add(TextBlock.Trusted(t.Get(language, "status.owed.title")) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
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
        if (mentees is { Count: > 0 })
        {
            body.Add(TextBlock.Trusted(t.Get(language, "status.mentees.title")) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(TextBlock.Trusted(string.Join("\n", mentees.Take(MaxOpenListed).Select(m => "- " + MenteeText(language, m)))));
        }
        var actions = new List<CardAction>();
        if (canWriteReport) actions.Add(new ActionSubmit(t.Get(language, "status.writeNow"), CardActionData.For(Verbs.ReportForm)));
        if (hasReports) actions.Add(new ActionSubmit(t.Get(language, "reports.title"), CardActionData.For(Verbs.ReportsMine)));
        return new AdaptiveCard(body, actions.Count > 0 ? actions : null);
    }

    /// <summary>What comes next by when: eligible to be a development target, the end of probation, or the defence.</summary>
    public static string? Next(Language language, Countdown countdown)
    {
        var t = Texts.Default;
        var reached = countdown.DaysLeft is <= 0;
        return (countdown.Next, countdown.NextFrom) switch
        {
            (Stage.DevelopmentTarget, { } on) => reached
                ? t.Get(language, "status.next.developmentReached", Formats.Date(language, on))
                : t.Get(language, "status.next.development", Formats.Date(language, on), countdown.DaysLeft),
            (Stage.Full, { } on) => reached
                ? t.Get(language, "status.next.probationReached", Formats.Date(language, on))
                : t.Get(language, "status.next.probation", Formats.Date(language, on), countdown.DaysLeft),
            (Stage.Probationary, null) => t.Get(language, "status.next.defence"),
            _ => null,
        };
    }

    private static string MenteeText(Language language, MenteeLine mentee)
    {
        var t = Texts.Default;
        var c = mentee.Countdown;
        var text = t.Get(language, "status.mentee.item", Markdown.Escape(UserText.Clip(mentee.Name)),
            t.Get(language, mentee.Kind == MentorKind.Introducer ? "status.mentee.introducee" : "status.mentee.mentee"),
            Formats.Stage(language, c.Stage), Formats.Date(language, c.Since));
        if (c.Next is { } next)
            text += " · " + (c.NextFrom is { } on
                ? t.Get(language, "status.mentee.next", Formats.Stage(language, next), Formats.Date(language, on))
                : t.Get(language, "status.mentee.nextUndated", Formats.Stage(language, next)));
        if (mentee.LastTalk is { } talk)
            text += " · " + t.Get(language, "status.mentee.lastTalk", Formats.Date(language, talk), Formats.TalkAnswer(language, mentee.LastTalkAnswer));
        return text;
    }
}
