namespace BranchBot.Bot.Cards;

/// <summary>Tree walks over a card: version lowering, finding inputs and actions, replacing one element.</summary>
internal static class CardLowering
{
    public static WireCard Lower(AdaptiveCard card)
    {
        var labels = card.Version.SupportsInputLabels();
        IEnumerable<CardElement> Lower(CardElement element)
        {
            if (labels || element is not CardInput input) return [element];
            var bare = input with { Label = null, IsRequired = null, ErrorMessage = null };
            // The official 1.2 schema has no placeholder on Input.ChoiceSet (the label above says what to pick).
            if (bare is InputChoiceSet choiceSet) bare = choiceSet with { Placeholder = null };
            return input.Label is null ? [bare] : [TextBlock.Trusted(input.Label) with { Spacing = input.Spacing, Separator = input.Separator }, bare with { Spacing = Spacing.Small, Separator = null }];
        }
        return new WireCard(card.Version.ToText(), Rewrite(card.Body, Lower), RewriteActions(card.Actions, Lower), card.Refresh);
    }

    public static WireCard Replace(WireCard card, CardElement target, CardElement replacement)
    {
        IEnumerable<CardElement> Swap(CardElement e) => [ReferenceEquals(e, target) ? replacement : e];
        return card with { Body = Rewrite(card.Body, Swap), Actions = RewriteActions(card.Actions, Swap) };
    }

    public static IEnumerable<TextBlock> UserTextBlocks(WireCard card) =>
        Elements(card.Body, card.Actions).OfType<TextBlock>().Where(t => t.IsUserText);

    public static IEnumerable<CardInput> Inputs(AdaptiveCard card) => Elements(card.Body, card.Actions).OfType<CardInput>();

    public static IEnumerable<CardAction> AllActions(AdaptiveCard card)
    {
        foreach (var action in Actions(card.Actions)) yield return action;
        foreach (var set in Elements(card.Body, card.Actions).OfType<ActionSet>())
            foreach (var action in Actions(set.Actions)) yield return action;
        if (card.Refresh is not null) yield return card.Refresh.Action;
    }

    private static IEnumerable<CardAction> Actions(IReadOnlyList<CardAction>? actions)
    {
        foreach (var action in actions ?? [])
        {
            yield return action;
            if (action is ActionShowCard show)
            {
                foreach (var inner in Actions(show.Card.Actions)) yield return inner;
            }
        }
    }

    private static IEnumerable<CardElement> Elements(IReadOnlyList<CardElement> body, IReadOnlyList<CardAction>? actions)
    {
        foreach (var element in body)
        {
            yield return element;
            var children = element switch
            {
                Container c => c.Items,
                ColumnSet s => s.Columns.SelectMany(col => col.Items).ToList(),
                _ => [],
            };
            foreach (var child in Elements(children, element is ActionSet set ? set.Actions : null)) yield return child;
        }
        foreach (var action in actions ?? [])
            if (action is ActionShowCard show)
                foreach (var inner in Elements(show.Card.Body, show.Card.Actions)) yield return inner;
    }

    private static List<CardElement> Rewrite(IReadOnlyList<CardElement> body, Func<CardElement, IEnumerable<CardElement>> map) =>
        body.SelectMany(element => element switch
        {
            Container c => map(c with { Items = Rewrite(c.Items, map) }),
            ColumnSet s => map(s with { Columns = s.Columns.Select(col => col with { Items = Rewrite(col.Items, map) }).ToList() }),
            ActionSet a => map(a with { Actions = RewriteActions(a.Actions, map)! }),
            _ => map(element),
        }).ToList();

    private static List<CardAction>? RewriteActions(IReadOnlyList<CardAction>? actions, Func<CardElement, IEnumerable<CardElement>> map) =>
        actions?.Select(a => a is ActionShowCard show
            ? show with { Card = show.Card with { Body = Rewrite(show.Card.Body, map), Actions = RewriteActions(show.Card.Actions, map) } }
            : a).ToList();
}
