using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Pipeline;

namespace BranchBot.Bot.Features.Pipeline;

/// <summary>The committee records a candidate's recommendation and its decision; the public notice starts on the day it is recorded (schema 1.2).</summary>
public static class NominationCard
{
    public const string RecommendedByInput = "recommendedBy";
    public const string RecommenderInput = "recommender";
    public const string DecidedOnInput = "selectionDecidedOn";

    /// <param name="since">The applicant stage the card was built for: a card for an older stage is refused as stale.</param>
    /// <param name="members">The party members who may have recommended the candidate.</param>
    public static AdaptiveCard Build(Language language, NamedPerson candidate, DateOnly since, IReadOnlyList<NamedPerson> members, DateOnly today, int noticeDays, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var names = PersonNames.Distinct(language, members.Append(candidate));
        var data = CardActionData.For(Verbs.SelectionNominateSubmit, cardId)
            .With(DevelopmentCard.SubjectField, candidate.MemberId)
            .With(DevelopmentCard.SinceField, since);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "selection.nominate.title", Markdown.Escape(names[candidate.MemberId]))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new InputChoiceSet(RecommendedByInput,
                [
                    new Choice(Label("selection.recommender.member"), nameof(Recommender.Member)),
                    new Choice(Label("selection.recommender.youthLeague"), nameof(Recommender.YouthLeague)),
                ])
                {
                    Label = Label("selection.nominate.recommendedBy"),
                    Style = ChoiceStyle.Expanded,
                    Value = nameof(Recommender.YouthLeague),
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("selection.nominate.recommendedBy")),
                },
                new InputChoiceSet(RecommenderInput, [.. members.Select(p => new Choice(names[p.MemberId], p.MemberId.ToString(CultureInfo.InvariantCulture)))])
                {
                    Label = Label("selection.nominate.recommender"),
                    Style = ChoiceStyle.Compact,
                },
                new InputDate(DecidedOnInput)
                {
                    Label = Label("selection.nominate.decidedOn"),
                    Value = today,
                    Max = today,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("selection.nominate.decidedOn")),
                },
                TextBlock.Trusted(t.Get(language, "selection.nominate.hint", noticeDays,
                    Formats.Date(language, today), Formats.Date(language, SelectionRules.NoticeEndsOn(today, noticeDays)))) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("selection.nominate.save"), data) { Style = ActionStyle.Positive }]);
    }
}

/// <summary>The public notice (公示) sent to everyone on the roster, with the way to object (a reason needed).</summary>
public static class NoticeCard
{
    public const string SelectionField = "selection";
    public const string ReasonInput = "objectionReason";

    public static AdaptiveCard Build(Language language, long selectionId, NamedPerson candidate, string groupName, DateOnly startsOn, DateOnly endsOn, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var data = CardActionData.For(Verbs.SelectionObject, cardId).With(SelectionField, selectionId.ToString(CultureInfo.InvariantCulture));
        return new AdaptiveCard(
            [
                TextBlock.Trusted(Label("selection.notice.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(t.Get(language, "selection.notice.text", Markdown.Escape(UserText.Clip(candidate.Name)), Markdown.Escape(UserText.Clip(groupName)),
                    Formats.Date(language, startsOn), Formats.Date(language, endsOn))),
                new InputText(ReasonInput)
                {
                    Label = Label("selection.notice.reason"),
                    IsMultiline = true,
                    MaxLength = SelectionObjection.MaxReasonLength,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("selection.notice.reason")),
                },
                TextBlock.Trusted(Label("selection.notice.hint")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("selection.notice.object"), data)]);
    }
}

/// <summary>The committee resolves an objection: upheld (not admitted, a note needed) or dismissed (schema 1.2).</summary>
public static class ObjectionCard
{
    public const string ObjectionField = "objection";
    public const string ResolutionInput = "resolution";
    public const string NoteInput = "resolutionNote";
    public const int NoteMaxLength = 500;

    public static AdaptiveCard Build(Language language, long objectionId, NamedPerson candidate, NamedPerson objector, string reason, DateOnly noticeEndsOn)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var data = CardActionData.For(Verbs.SelectionObjectionResolve).With(ObjectionField, objectionId.ToString(CultureInfo.InvariantCulture));
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "selection.objection.title", Markdown.Escape(UserText.Clip(candidate.Name)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet(
                [
                    Fact.User(Label("selection.objection.by"), UserText.Clip(objector.Name)),
                    Fact.Trusted(Label("selection.objection.noticeEnds"), Formats.Date(language, noticeEndsOn)),
                ]),
                TextBlock.User(UserText.Clip(reason, SelectionObjection.MaxReasonLength)),
                new InputChoiceSet(ResolutionInput,
                [
                    new Choice(Label("selection.objection.dismissed"), nameof(ObjectionResolution.Dismissed)),
                    new Choice(Label("selection.objection.upheld"), nameof(ObjectionResolution.Upheld)),
                ])
                {
                    Label = Label("selection.objection.resolution"),
                    Style = ChoiceStyle.Expanded,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("selection.objection.resolution")),
                },
                new InputText(NoteInput) { Label = Label("selection.objection.note"), IsMultiline = true, MaxLength = NoteMaxLength },
                TextBlock.Trusted(Label("selection.objection.hint")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("selection.objection.save"), data) { Style = ActionStyle.Positive }]);
    }

    /// <summary>What the committee members receive when someone objects: who, about whom, why, and the way to resolve it.</summary>
    public static AdaptiveCard Notice(Language language, long objectionId, NamedPerson candidate, NamedPerson objector, string reason)
    {
        var t = Texts.Default;
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "selection.objection.received", Markdown.Escape(UserText.Clip(objector.Name)), Markdown.Escape(UserText.Clip(candidate.Name)))) with { Weight = TextWeight.Bolder },
                TextBlock.User(UserText.Clip(reason, SelectionObjection.MaxReasonLength)),
            ],
            [new ActionSubmit(t.Get(language, "selection.objection.open"), CardActionData.For(Verbs.SelectionObjectionForm).With(ObjectionField, objectionId.ToString(CultureInfo.InvariantCulture)))]);
    }
}

/// <summary>The notice ended without an open objection: the committee records the filing upward and may name the mentor (schema 1.2).</summary>
public static class ConclusionCard
{
    public const string FiledOnInput = "selectionFiledOn";
    public const string MentorInput = "selectionMentor";

    public static AdaptiveCard Build(Language language, long selectionId, NamedPerson candidate, DateOnly activistFrom, IReadOnlyList<NamedPerson> fullMembers, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var names = PersonNames.Distinct(language, fullMembers.Append(candidate));
        var data = CardActionData.For(Verbs.SelectionConcludeSubmit, cardId).With(NoticeCard.SelectionField, selectionId.ToString(CultureInfo.InvariantCulture));
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "selection.conclude.title", Markdown.Escape(names[candidate.MemberId]))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(t.Get(language, "selection.conclude.from", Formats.Date(language, activistFrom))),
                new InputDate(FiledOnInput)
                {
                    Label = Label("selection.conclude.filedOn"),
                    Value = today,
                    Min = activistFrom,
                    Max = today,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("selection.conclude.filedOn")),
                },
                new InputChoiceSet(MentorInput, [.. fullMembers.Select(p => new Choice(names[p.MemberId], p.MemberId.ToString(CultureInfo.InvariantCulture)))])
                {
                    Label = Label("selection.conclude.mentor"),
                    Style = ChoiceStyle.Compact,
                },
                TextBlock.Trusted(Label("selection.conclude.hint")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("selection.conclude.save"), data) { Style = ActionStyle.Positive }]);
    }
}

/// <summary>What the committee receives the day after a notice ended without objection: the way to confirm the activist.</summary>
public static class NoticeEndedCard
{
    public static AdaptiveCard Build(Language language, long selectionId, NamedPerson candidate, DateOnly startsOn, DateOnly endsOn)
    {
        var t = Texts.Default;
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "selection.ended.title", Markdown.Escape(UserText.Clip(candidate.Name)), Markdown.Escape(UserText.Clip(candidate.StudentNumber, 20)),
                    Formats.Date(language, startsOn), Formats.Date(language, endsOn))) with { Weight = TextWeight.Bolder },
            ],
            [new ActionSubmit(t.Get(language, "selection.conclude.open"), CardActionData.For(Verbs.SelectionConcludeForm).With(NoticeCard.SelectionField, selectionId.ToString(CultureInfo.InvariantCulture)))]);
    }
}
