using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Overdue;

public sealed record OverdueItem(ObligationKind Kind, Period Period, DateOnly DueDate, ObligationStatus Status, int SubjectId, string? SubjectName)
{
    /// <summary>How the excuse choice names this item: kind, period and subject, re-checked by the handler.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Period.Key}:{SubjectId}");

    /// <summary>The mentee's student number, shown when two of the person's mentees share a name.</summary>
    public string? SubjectStudentNumber { get; init; }
}

public sealed record OverduePerson(int MemberId, string Name, IReadOnlyList<OverdueItem> Items)
{
    /// <summary>Shown beside the name only when another person on the card has the same name.</summary>
    public string? StudentNumber { get; init; }
}

public sealed record SubmittedReport(string Name, ObligationKind Kind, Period Period, DateOnly On, int Words, string Excerpt)
{
    /// <summary>Who handed it in, so that a namesake elsewhere on the card is told apart.</summary>
    public NamedPerson? Author { get; init; }
}

public sealed record LoggedTalk(string MentorName, string MenteeName, DateOnly On, string Topic)
{
    public NamedPerson? Mentor { get; init; }
    public NamedPerson? Mentee { get; init; }
}

/// <summary>Whose list: the speaker's group (group leader) or the whole branch (committee).</summary>
public enum OverdueScope { Group, Branch }

/// <summary>
/// Which page of the list this card is, out of how many people in all, and the other view the speaker may open
/// (a group leader on the committee sees both).
/// </summary>
public sealed record OverdueListView(OverdueScope Scope, int Page, int TotalPeople, OverdueScope? OtherScope = null)
{
    public int Pages => Math.Max(1, (TotalPeople + OverdueListCard.PageSize - 1) / OverdueListCard.PageSize);
}

/// <summary>
/// A group leader's (or the committee's) list, one page of people at a time: per person what kinds are owed, how
/// many, since when, and the most pressing items, with Nudge and Excuse; Nudge all (this page) and "more". Any
/// group or branch fits: a page is at most <see cref="PageSize"/> people and every section is capped.
/// </summary>
public static class OverdueListCard
{
    public const string MemberField = "member";
    public const string ItemInputPrefix = "item_";
    public const string ReasonInputPrefix = "reason_";
    public const string PageField = "page";
    public const string ScopeField = "scope";

    /// <summary>Marks a decision made on this list, so that the handler answers with the list rebuilt.</summary>
    public const string SourceField = "source";
    public const string SourceValue = "overdue";

    public const int PageSize = 20;
    /// <summary>Items spelled out per person; the rest are counted in the person's summary line.</summary>
    public const int ItemsShown = 3;
    /// <summary>Items the Excuse choice offers per person, most pressing first.</summary>
    public const int ExcuseChoices = 6;
    /// <summary>Handed-in reports and logged talks shown (first page only); the rest are counted.</summary>
    public const int LinesShown = 10;
    public const int MaxPages = 10_000;

    public static AdaptiveCard Build(Language language, string title, OverdueListView view, IReadOnlyList<OverduePerson> people,
        IReadOnlyList<SubmittedReport> submitted, IReadOnlyList<LoggedTalk> talks, string cardId,
        IReadOnlyList<ExtensionRequestView>? pendingExtensions = null)
    {
        var t = Texts.Default;
        var body = new List<CardElement> { TextBlock.Trusted(UserText.Clip(title, 200)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium } };
        if (view.TotalPeople > 0)
            body.Add(TextBlock.Trusted(t.Get(language, "overdue.page", view.Page, view.Pages, view.TotalPeople)) with { IsSubtle = true, Spacing = Spacing.None });
        var names = PersonNames.Distinct(language, people.Select(p => new NamedPerson(p.MemberId, p.Name, p.StudentNumber))
            .Concat(submitted.Select(s => s.Author)).Concat(talks.SelectMany(x => new[] { x.Mentor, x.Mentee })).OfType<NamedPerson>());
        string NameOf(NamedPerson? who, string fallback) => Markdown.Escape(who is not null ? names[who.MemberId] : UserText.Clip(fallback));
        var reasonLabel = t.Get(language, "overdue.excuseReasonLabel");
        foreach (var person in people)
        {
            var id = person.MemberId.ToString(CultureInfo.InvariantCulture);
            var mentees = PersonNames.Distinct(language, person.Items.Where(i => i.SubjectName is not null).Select(i => new NamedPerson(i.SubjectId, i.SubjectName!, i.SubjectStudentNumber)));
            string Item(OverdueItem item) => OverdueListCard.Item(language, item, mentees);
            var lines = person.Items.Take(ItemsShown).Select(i => "- " + Item(i)).ToList();
            if (person.Items.Count > ItemsShown) lines.Add(t.Get(language, "overdue.moreItems", person.Items.Count - ItemsShown));
            var excuseChoices = person.Items.Take(ExcuseChoices).Select(i => new Choice(Item(i), i.Key)).ToList();
            body.Add(new Container(
            [
                TextBlock.User(names[person.MemberId]) with { Weight = TextWeight.Bolder },
                TextBlock.Trusted(Summary(language, person.Items)) with { IsSubtle = true, Spacing = Spacing.None },
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

        if (view.Page == 1 && pendingExtensions is { Count: > 0 }) AddPendingExtensions(body, language, pendingExtensions, cardId);

        if (view.Page == 1)
        {
            body.Add(TextBlock.Trusted(t.Get(language, "overdue.submitted.title")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Large });
            body.Add(submitted.Count == 0
                ? TextBlock.Trusted(t.Get(language, "overdue.submitted.none")) with { IsSubtle = true }
                : TextBlock.Trusted(Capped(language, submitted.Select(s => "- " + t.Get(language, "overdue.submitted.item",
                    NameOf(s.Author, s.Name), Formats.Kind(language, s.Kind), Formats.Date(language, s.On), Formats.WordCount(language, s.Words))
                    + "：" + Markdown.Escape(UserText.Clip(s.Excerpt.ReplaceLineEndings(" "), 80))).ToList())));

            body.Add(TextBlock.Trusted(t.Get(language, "overdue.talks.title")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Large });
            body.Add(talks.Count == 0
                ? TextBlock.Trusted(t.Get(language, "overdue.talks.none")) with { IsSubtle = true }
                : TextBlock.Trusted(Capped(language, talks.Select(x => "- " + t.Get(language, "overdue.talks.item",
                    NameOf(x.Mentor, x.MentorName), NameOf(x.Mentee, x.MenteeName), Formats.Date(language, x.On),
                    Markdown.Escape(UserText.Clip(x.Topic.ReplaceLineEndings(" "), 80)))).ToList())));
        }

        var scope = view.Scope.ToString();
        var actions = new List<CardAction>();
        if (people.Count > 1)
            actions.Add(new ActionSubmit(t.Get(language, "overdue.nudgeAll", people.Count),
                CardActionData.For(Verbs.OverdueNudgeAll, cardId).With(ScopeField, scope).With(PageField, view.Page)));
        if (view.Page < view.Pages)
            actions.Add(new ActionSubmit(t.Get(language, "overdue.nextPage", view.Page + 1),
                CardActionData.For(Verbs.OverduePage).With(ScopeField, scope).With(PageField, view.Page + 1)));
        if (view.OtherScope is { } other)
            actions.Add(new ActionSubmit(t.Get(language, other == OverdueScope.Branch ? "overdue.showBranch" : "overdue.showGroup"),
                CardActionData.For(Verbs.OverduePage).With(ScopeField, other.ToString()).With(PageField, 1)));
        return new AdaptiveCard(body, actions.Count > 0 ? actions : null);
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

    /// <summary>"思想汇报 12 项、谈话 3 项 · 最早 2025年12月": what kinds, how many, since when.</summary>
    private static string Summary(Language language, IReadOnlyList<OverdueItem> items)
    {
        var t = Texts.Default;
        var kinds = items.GroupBy(i => i.Kind).OrderBy(g => g.Min(i => i.DueDate))
            .Select(g => t.Get(language, "overdue.kindCount", Formats.Kind(language, g.Key), g.Count()));
        var oldest = items.MinBy(i => i.Period.Start)!.Period;
        return t.Get(language, "overdue.personSummary", string.Join(language == Language.EnUs ? ", " : "、", kinds), Formats.Period(language, oldest));
    }

    private static string Capped(Language language, IReadOnlyList<string> lines)
    {
        var shown = lines.Take(LinesShown).ToList();
        if (lines.Count > LinesShown) shown.Add(Texts.Default.Get(language, "overdue.moreLines", lines.Count - LinesShown));
        return string.Join("\n", shown);
    }

    private static string Item(Language language, OverdueItem item, IReadOnlyDictionary<int, string> mentees)
    {
        var t = Texts.Default;
        var what = item.Kind == ObligationKind.Talk && item.SubjectName is not null
            ? t.Get(language, "overdue.talkWith", Markdown.Escape(mentees.GetValueOrDefault(item.SubjectId, UserText.Clip(item.SubjectName))))
            : Formats.Kind(language, item.Kind);
        return t.Get(language, "overdue.item", "", what, Formats.Period(language, item.Period), Formats.Date(language, item.DueDate))
            + " · " + Formats.Status(language, item.Status);
    }
}
