using System.Globalization;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Cards;

public sealed record OverdueItem(ObligationKind Kind, Period Period, DateOnly DueDate, ObligationStatus Status, int SubjectId, string? SubjectName)
{
    /// <summary>How the excuse choice names this item: kind, period and subject, re-checked by the handler.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Period.Key}:{SubjectId}");
}

public sealed record OverduePerson(int MemberId, string Name, IReadOnlyList<OverdueItem> Items);

public sealed record SubmittedReport(string Name, ObligationKind Kind, Period Period, DateOnly On, int Words, string Excerpt);

public sealed record LoggedTalk(string MentorName, string MenteeName, DateOnly On, string Topic);

/// <summary>A group leader's list: per person what is overdue or due soon, with Nudge and Excuse, and Nudge all.</summary>
public static class OverdueListCard
{
    public const string MemberField = "member";
    public const string ItemInputPrefix = "item_";
    public const string ReasonInputPrefix = "reason_";
    /// <summary>Marks a decision made on this list, so that the handler answers with the list rebuilt.</summary>
    public const string SourceField = "source";
    public const string SourceValue = "overdue";

    public static AdaptiveCard Build(Language language, string title, IReadOnlyList<OverduePerson> people, int notListed,
        IReadOnlyList<SubmittedReport> submitted, IReadOnlyList<LoggedTalk> talks, string cardId,
        IReadOnlyList<ExtensionRequestView>? pendingExtensions = null)
    {
        var t = Texts.Default;
        var body = new List<CardElement> { TextBlock.Trusted(UserText.Clip(title, 200)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium } };
        foreach (var person in people)
        {
            var id = person.MemberId.ToString(CultureInfo.InvariantCulture);
            var lines = person.Items.Select(i => "- " + Item(language, i));
            var excuseChoices = person.Items.Select(i => new Choice(Item(language, i), i.Key)).ToList();
            var reasonLabel = t.Get(language, "overdue.excuseReasonLabel");
            body.Add(new Container(
            [
                TextBlock.User(UserText.Clip(person.Name)) with { Weight = TextWeight.Bolder },
                TextBlock.Trusted(string.Join("\n", lines)) with { Spacing = Spacing.None },
                new ActionSet(
                [
                    new ActionSubmit(t.Get(language, "overdue.nudge"), CardActionData.For(Verbs.OverdueNudge, cardId).With(MemberField, id)),
                    new ActionShowCard(t.Get(language, "overdue.excuse"), new ShowCardContent(
                        [
                            new InputChoiceSet(ItemInputPrefix + id, excuseChoices)
                            {
                                Label = t.Get(language, "overdue.excuseItemLabel"),
                                Style = ChoiceStyle.Compact,
                                Value = excuseChoices[0].Value,
                            },
                            new InputText(ReasonInputPrefix + id)
                            {
                                Label = reasonLabel,
                                Placeholder = t.Get(language, "overdue.excuseReasonPlaceholder"),
                                MaxLength = CardLimits.ReasonMaxLength,
                                IsRequired = true,
                                ErrorMessage = t.Get(language, "error.missingField", reasonLabel),
                            },
                        ],
                        [new ActionSubmit(t.Get(language, "overdue.excuse"), CardActionData.For(Verbs.OverdueExcuse, cardId).With(MemberField, id))])),
                ]),
            ]) { Separator = true, Spacing = Spacing.Medium });
        }
        if (notListed > 0) body.Add(TextBlock.Trusted(t.Get(language, "overdue.more", notListed)) with { IsSubtle = true });
        if (pendingExtensions is { Count: > 0 }) AddPendingExtensions(body, language, pendingExtensions, cardId);

        body.Add(TextBlock.Trusted(t.Get(language, "overdue.submitted.title")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Large });
        body.Add(submitted.Count == 0
            ? TextBlock.Trusted(t.Get(language, "overdue.submitted.none")) with { IsSubtle = true }
            : TextBlock.Trusted(string.Join("\n", submitted.Select(s => "- " + t.Get(language, "overdue.submitted.item",
                Markdown.Escape(UserText.Clip(s.Name)), Formats.Kind(language, s.Kind), Formats.Date(language, s.On), Formats.WordCount(language, s.Words))
                + "：" + Markdown.Escape(UserText.Clip(s.Excerpt.ReplaceLineEndings(" "), 80))))));

        body.Add(TextBlock.Trusted(t.Get(language, "overdue.talks.title")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Large });
        body.Add(talks.Count == 0
            ? TextBlock.Trusted(t.Get(language, "overdue.talks.none")) with { IsSubtle = true }
            : TextBlock.Trusted(string.Join("\n", talks.Select(x => "- " + t.Get(language, "overdue.talks.item",
                Markdown.Escape(UserText.Clip(x.MentorName)), Markdown.Escape(UserText.Clip(x.MenteeName)), Formats.Date(language, x.On),
                Markdown.Escape(UserText.Clip(x.Topic.ReplaceLineEndings(" "), 80)))))));

        var actions = people.Count > 1
            ? new List<CardAction> { new ActionSubmit(t.Get(language, "overdue.nudgeAll", people.Count), CardActionData.For(Verbs.OverdueNudgeAll, cardId)) }
            : null;
        return new AdaptiveCard(body, actions);
    }

    private static void AddPendingExtensions(List<CardElement> body, Language language, IReadOnlyList<ExtensionRequestView> pending, string cardId)
    {
        var t = Texts.Default;
        body.Add(TextBlock.Trusted(t.Get(language, "overdue.extensions.title")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Large });
        foreach (var request in pending)
        {
            CardActionData Data(string decision) => CardActionData.For(Verbs.ExtensionDecide, cardId)
                .With(ExtensionDecisionCard.ExtensionField, request.ExtensionId.ToString(CultureInfo.InvariantCulture))
                .With(ExtensionDecisionCard.DecisionField, decision)
                .With(SourceField, SourceValue);
            body.Add(new Container(
            [
                TextBlock.Trusted(t.Get(language, "overdue.extensions.item", Markdown.Escape(UserText.Clip(request.RequesterName)),
                    Formats.Kind(language, request.Kind), Formats.Period(language, request.Period), Formats.Date(language, request.RequestedUntil))),
                TextBlock.User(UserText.Clip(request.Reason.ReplaceLineEndings(" "), 200)) with { IsSubtle = true, Spacing = Spacing.None },
                new ActionSet(
                [
                    new ActionSubmit(t.Get(language, "extension.approve.approve"), Data("approve")) { Style = ActionStyle.Positive },
                    new ActionSubmit(t.Get(language, "extension.approve.decline"), Data("decline")),
                ]),
            ]) { Separator = true, Spacing = Spacing.Medium });
        }
    }

    private static string Item(Language language, OverdueItem item)
    {
        var t = Texts.Default;
        var what = item.Kind == ObligationKind.Talk && item.SubjectName is not null
            ? t.Get(language, "overdue.talkWith", Markdown.Escape(UserText.Clip(item.SubjectName)))
            : Formats.Kind(language, item.Kind);
        return t.Get(language, "overdue.item", "", what, Formats.Period(language, item.Period), Formats.Date(language, item.DueDate))
            + " · " + Formats.Status(language, item.Status);
    }
}
