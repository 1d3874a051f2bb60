using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Transfers;

namespace BranchBot.Bot.Features.Transfers;

/// <summary>One graduating member on the transfers card: graduation date, and the letter and receipt once recorded.</summary>
public sealed record TransferRow(int MemberId, string Name, string StudentNumber, DateOnly? GraduatesOn, DateOnly? LetterIssuedOn, string? Destination, DateOnly? ReceiptOn)
{
    public bool HasLetter => LetterIssuedOn is not null;
    public bool ReceiptMissing => LetterIssuedOn is not null && ReceiptOn is null;
}

/// <summary>
/// 组织关系转接, the committee's card: the graduating members of the year and those whose receipt is missing, each with
/// where they stand; a form for the introduction letter (who, date, destination) and one for the return receipt (who,
/// date). The two forms share the card, so no input is marked required: the flow checks what each action needs.
/// </summary>
public static class TransfersCard
{
    public const string LetterPersonInput = "transferLetterPerson";
    public const string LetterDateInput = "transferLetterDate";
    public const string DestinationInput = "transferDestination";
    public const string ReceiptPersonInput = "transferReceiptPerson";
    public const string ReceiptDateInput = "transferReceiptDate";

    public static AdaptiveCard Build(Language language, int year, IReadOnlyList<TransferRow> rows, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "transfers.card.title", year)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        if (rows.Count == 0) body.Add(TextBlock.Trusted(t.Get(language, "transfers.card.none", year)) with { IsSubtle = true });
        else body.Add(new FactSet([.. rows.Select(r => Fact.Trusted(Person(r.Name, r.StudentNumber), Status(language, r)))]));

        var actions = new List<CardAction>();
        var withoutLetter = rows.Where(r => !r.HasLetter).ToList();
        if (withoutLetter.Count > 0)
        {
            body.Add(TextBlock.Trusted(L("transfers.letter.title")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            body.Add(new InputChoiceSet(LetterPersonInput, Choices(withoutLetter)) { Label = L("transfers.letter.person"), Style = ChoiceStyle.Compact });
            body.Add(new InputDate(LetterDateInput) { Label = L("transfers.letter.date"), Value = today });
            body.Add(new InputText(DestinationInput) { Label = L("transfers.letter.destination"), MaxLength = Transfer.DestinationMaxLength });
            body.Add(new ActionSet([new ActionSubmit(L("transfers.letter.save"), CardActionData.For(Verbs.TransfersLetter, cardId)) { Style = ActionStyle.Positive }]));
        }
        var missing = rows.Where(r => r.ReceiptMissing).ToList();
        if (missing.Count > 0)
        {
            body.Add(TextBlock.Trusted(L("transfers.receipt.title")) with { Weight = TextWeight.Bolder, Separator = true, Spacing = Spacing.Medium });
            body.Add(new InputChoiceSet(ReceiptPersonInput, Choices(missing)) { Label = L("transfers.receipt.person"), Style = ChoiceStyle.Compact });
            body.Add(new InputDate(ReceiptDateInput) { Label = L("transfers.receipt.date"), Value = today });
            body.Add(new ActionSet([new ActionSubmit(L("transfers.receipt.save"), CardActionData.For(Verbs.TransfersReceipt, cardId)) { Style = ActionStyle.Positive }]));
        }
        return new AdaptiveCard(body, actions);
    }

    /// <summary>The monthly chase to a committee member: each letter whose receipt is missing, and a button to the card.</summary>
    public static AdaptiveCard Chase(Language language, IReadOnlyList<TransferRow> missing, DateOnly day)
    {
        var t = Texts.Default;
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Count(language, "transfers.chase.title", missing.Count, Formats.Date(language, day))) with { Weight = TextWeight.Bolder, Wrap = true },
                new FactSet([.. missing.Select(r => Fact.Trusted(Person(r.Name, r.StudentNumber), Status(language, r)))]),
            ],
            [new ActionSubmit(t.Get(language, "transfers.chase.open"), CardActionData.For(Verbs.TransfersShow, "transfers-chase"))]);
    }

    /// <summary>The monthly chase to the member: their letter, and that the receiving organisation has not sent the receipt back.</summary>
    public static AdaptiveCard ChaseMember(Language language, TransferRow row) =>
        new([TextBlock.Trusted(Texts.Default.Get(language, "transfers.chase.member", Formats.Date(language, row.LetterIssuedOn!.Value),
            Markdown.Escape(UserText.Clip(row.Destination ?? "")))) with { Wrap = true }]);

    public static string Status(Language language, TransferRow r)
    {
        var t = Texts.Default;
        var graduates = r.GraduatesOn is { } g ? t.Get(language, "transfers.status.graduates", Formats.Date(language, g)) : "";
        var state = r switch
        {
            { LetterIssuedOn: null } => t.Get(language, "transfers.status.noLetter"),
            { ReceiptOn: null } => t.Get(language, "transfers.status.missing", Formats.Date(language, r.LetterIssuedOn.Value), Markdown.Escape(UserText.Clip(r.Destination ?? ""))),
            _ => t.Get(language, "transfers.status.done", Formats.Date(language, r.LetterIssuedOn.Value), Markdown.Escape(UserText.Clip(r.Destination ?? "")), Formats.Date(language, r.ReceiptOn!.Value)),
        };
        return graduates.Length == 0 ? state : graduates + " · " + state;
    }

    private static string Person(string name, string studentNumber) => Markdown.Escape(UserText.Clip(name)) + " · " + Markdown.Escape(UserText.Clip(studentNumber));

    private static List<Choice> Choices(IEnumerable<TransferRow> rows) =>
        [.. rows.Select(r => new Choice(UserText.Clip(r.Name) + " · " + UserText.Clip(r.StudentNumber), r.MemberId.ToString(CultureInfo.InvariantCulture)))];
}
