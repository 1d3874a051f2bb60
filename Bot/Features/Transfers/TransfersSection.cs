using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Transfers;

namespace BranchBot.Bot.Features.Transfers;

/// <summary>
/// The committee's summary section for 组织关系转接: every letter whose return receipt is still missing (until it is
/// traced), and, in the listing season (<see cref="TransferRules.IsListingSeason"/>, June on), how many of the year's
/// graduating members have no letter yet. Empty when there is nothing to do.
/// </summary>
public static class TransfersSection
{
    public const int MaxNames = 10;

    public static async Task<IReadOnlyList<CardElement>> ForCommitteeAsync(Turn turn, CancellationToken cancellationToken)
    {
        var rows = await TransferFlow.RowsAsync(turn.Db, turn.Today, cancellationToken);
        var missing = rows.Where(r => r.ReceiptMissing).ToList();
        var withoutLetter = TransferRules.IsListingSeason(turn.Today) ? rows.Count(r => !r.HasLetter) : 0;
        if (missing.Count == 0 && withoutLetter == 0) return [];
        var t = Texts.Default;
        var language = turn.Language;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Count(language, "transfers.section.title", missing.Count)) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true },
        };
        if (missing.Count > 0)
            body.Add(new FactSet([.. missing.Take(MaxNames).Select(r => Fact.Trusted(Markdown.Escape(UserText.Clip(r.Name)) + " · " + Markdown.Escape(UserText.Clip(r.StudentNumber)), TransfersCard.Status(language, r)))]));
        if (missing.Count > MaxNames) body.Add(TextBlock.Trusted(t.Get(language, "transfers.section.more", missing.Count - MaxNames)) with { IsSubtle = true });
        if (withoutLetter > 0) body.Add(TextBlock.Trusted(t.Count(language, "transfers.section.graduating", withoutLetter, turn.Today.Year)));
        return body;
    }
}
