using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Dues;

/// <summary>
/// The committee's summary section for 党费: this month's and last month's collection (paid of owing, collected of
/// expected), the remittance, and who has not paid (<see cref="Domain.Dues.DuesFigures"/>).
/// </summary>
public static class DuesSection
{
    public const int MaxNames = 10;

    public static async Task<IReadOnlyList<CardElement>> ForCommitteeAsync(Turn turn, CancellationToken cancellationToken)
    {
        var current = Period.Containing(Cadence.Monthly, turn.Today);
        var body = new List<CardElement>();
        foreach (var month in new[] { current, current.Previous() })
        {
            var ledger = await DuesLedger.LoadAsync(turn.Db, month, cancellationToken);
            var figures = ledger.Figures(month);
            if (figures.Owing == 0 && figures.Collected == 0) continue;
            var language = turn.Language;
            var t = Texts.Default;
            body.Add(TextBlock.Trusted(t.Get(language, "dues.section.title", Formats.Period(language, month))) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true });
            var facts = new List<Fact>
            {
                Fact.Trusted(t.Get(language, "dues.month.collected"), DuesTexts.Collection(language, figures)),
                Fact.Trusted(t.Get(language, "dues.month.remitted"), DuesTexts.Remittance(language, ledger.Remittance)),
            };
            if (figures.Unpaid.Count > 0)
            {
                var names = ledger.Members.Where(m => figures.Unpaid.Contains(m.Id)).Select(m => Markdown.Escape(UserText.Clip(m.Name))).Take(MaxNames).ToList();
                var more = figures.Unpaid.Count > MaxNames ? " " + t.Get(language, "dues.section.more", figures.Unpaid.Count) : "";
                facts.Add(Fact.Trusted(t.Get(language, "dues.section.unpaid"), string.Join(language == Language.EnUs ? ", " : "、", names) + more));
            }
            body.Add(new FactSet(facts));
        }
        return body;
    }
}
