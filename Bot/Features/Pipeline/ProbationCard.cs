using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>What the branch meeting decided at the end of a probation.</summary>
public enum ProbationOutcomeChoice
{
    OnTime,
    Postponed,
    Other,
}

/// <param name="Since">The probation the card was built for: a card for an older stage is refused as stale.</param>
public sealed record ProbationView(NamedPerson Person, DateOnly Since, DateOnly EndsOn);

/// <summary>The committee records the outcome of a probation: conversion on time, postponement with the new end, or another outcome (schema 1.2).</summary>
public static class ProbationCard
{
    public const string OutcomeInput = "outcome";
    public const string MeetingOnInput = "conversionMeetingOn";
    public const string NewEndInput = "newEnd";
    public const string NoteInput = "note";
    public const int NoteMaxLength = 500;

    public static AdaptiveCard Build(Language language, ProbationView view, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var data = CardActionData.For(Verbs.PipelineProbationSubmit, cardId)
            .With(DevelopmentCard.SubjectField, view.Person.MemberId)
            .With(DevelopmentCard.SinceField, view.Since);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "pipeline.probation.title", Markdown.Escape(UserText.Clip(view.Person.Name)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(t.Get(language, "pipeline.probation.period", Formats.Date(language, view.Since), Formats.Date(language, view.EndsOn))),
                new InputChoiceSet(OutcomeInput,
                [
                    new Choice(Label("pipeline.probation.onTime"), nameof(ProbationOutcomeChoice.OnTime)),
                    new Choice(Label("pipeline.probation.postponed"), nameof(ProbationOutcomeChoice.Postponed)),
                    new Choice(Label("pipeline.probation.otherOutcome"), nameof(ProbationOutcomeChoice.Other)),
                ])
                {
                    Label = Label("pipeline.probation.outcome"),
                    Style = ChoiceStyle.Expanded,
                    Value = nameof(ProbationOutcomeChoice.OnTime),
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("pipeline.probation.outcome")),
                },
                new InputDate(MeetingOnInput)
                {
                    Label = Label("pipeline.probation.meetingOn"),
                    Value = today,
                    Max = today,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("pipeline.probation.meetingOn")),
                },
                new InputDate(NewEndInput) { Label = Label("pipeline.probation.newEnd"), Min = view.EndsOn.AddDays(1) },
                new InputText(NoteInput) { Label = Label("pipeline.probation.note"), IsMultiline = true, MaxLength = NoteMaxLength },
                TextBlock.Trusted(Label("pipeline.probation.hint")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("pipeline.probation.save"), data) { Style = ActionStyle.Positive }]);
    }

    /// <summary>The reminder ahead of the end: to the member (write the conversion application), an introducer, or the committee (with the way to record the outcome).</summary>
    public static AdaptiveCard Reminder(Language language, ProbationReminderRole role, NamedPerson member, DateOnly endsOn, int daysLeft)
    {
        var t = Texts.Default;
        var name = Markdown.Escape(UserText.Clip(member.Name));
        var text = role switch
        {
            ProbationReminderRole.Member => t.Get(language, "pipeline.probation.remindMember", Formats.Date(language, endsOn), daysLeft),
            ProbationReminderRole.Introducer => t.Get(language, "pipeline.probation.remindIntroducer", name, Formats.Date(language, endsOn), daysLeft),
            _ => t.Get(language, "pipeline.probation.remindCommittee", name, Formats.Date(language, endsOn), daysLeft),
        };
        var actions = role == ProbationReminderRole.Committee
            ? new CardAction[] { new ActionSubmit(t.Get(language, "pipeline.probation.record"), CardActionData.For(Verbs.PipelineProbationForm).With(DevelopmentCard.SubjectField, member.MemberId)) }
            : null;
        return new AdaptiveCard([TextBlock.Trusted(t.Get(language, "pipeline.probation.remindTitle")) with { Weight = TextWeight.Bolder }, TextBlock.Trusted(text)], actions);
    }
}

public enum ProbationReminderRole
{
    Member,
    Introducer,
    Committee,
}
