using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Transfers;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Transfers;

/// <summary>
/// 组织关系转接: the committee lists the year's graduating members (graduation date from the roster,
/// <see cref="TransferRules.Graduating"/>), records each one's introduction letter (date, destination) and later the
/// return receipt (回执). The letter takes the member off the active roster from its date (<see cref="Member.TransferOut"/>):
/// no duties, reminders or overdue entries after it; the history and the statistics keep them. Every refusal says why and
/// stores nothing (<see cref="TransferRules.CheckLetter"/>, <see cref="TransferRules.CheckReceipt"/>). The member hears of
/// their letter through the delivery ledger, in the same save as the letter.
/// </summary>
public sealed class TransferFlow(DeliverySignal delivery)
{
    /// <summary>The ledger step of the member's notice that their letter was recorded: once per member, as the letter is.</summary>
    public const string LetterNoticeStep = "transfer-letter";

    public async Task<Reply> ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        return Reply.Show(await CardAsync(turn, cancellationToken));
    }

    public Task<Reply> ShowAsync(Turn turn, CardData data, CancellationToken cancellationToken) => ShowAsync(turn, cancellationToken);

    public async Task<Reply> LetterAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var person = data.Reference(TransfersCard.LetterPersonInput);
        var issuedOn = data.Date(TransfersCard.LetterDateInput);
        var destination = data.String(TransfersCard.DestinationInput, Transfer.DestinationMaxLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (await MemberAsync(turn, person, cancellationToken) is not { } member) return new Reply.Refused(turn.T("transfers.unknownPerson"));
        var existing = await turn.Db.Transfers.AsNoTracking().FirstOrDefaultAsync(t => t.MemberId == member.Id, cancellationToken);
        if (TransferRules.CheckLetter(turn.Member, member, existing, issuedOn!.Value, turn.Today) is { } problem)
            return Refuse(turn, problem, member, issuedOn.Value, existing);

        turn.Db.Transfers.Add(new Transfer(member.Id, issuedOn.Value, destination!, turn.Member.Id, turn.Now));
        member.TransferOut(issuedOn.Value);
        var language = await UserLanguage.OfMemberAsync(turn.Db, member.Id, cancellationToken);
        var notice = Texts.Default.Get(language, "transfers.letter.notice", Formats.Date(language, issuedOn.Value), Markdown.Escape(UserText.Clip(destination)));
        turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(member.Id, LetterNoticeStep, QueuedMessage.Of(null, notice)),
            ObligationKind.ThoughtReport, Period.Containing(Cadence.Monthly, issuedOn.Value), member.Id, turn.Now));
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A double click: one letter per member.
            turn.Db.ChangeTracker.Clear();
            var stored = await turn.Db.Transfers.AsNoTracking().FirstOrDefaultAsync(t => t.MemberId == member.Id, cancellationToken);
            return Refuse(turn, TransferProblem.AlreadyIssued, member, issuedOn.Value, stored);
        }
        return new Reply.ReplaceCard(await CardAsync(turn, cancellationToken),
            turn.T("transfers.letter.saved", Name(member), Formats.Date(turn.Language, issuedOn.Value), Markdown.Escape(UserText.Clip(destination))));
    }

    public async Task<Reply> ReceiptAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var person = data.Reference(TransfersCard.ReceiptPersonInput);
        var receivedOn = data.Date(TransfersCard.ReceiptDateInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (await MemberAsync(turn, person, cancellationToken) is not { } member) return new Reply.Refused(turn.T("transfers.unknownPerson"));
        var transfer = await turn.Db.Transfers.FirstOrDefaultAsync(t => t.MemberId == member.Id, cancellationToken);
        if (TransferRules.CheckReceipt(turn.Member, transfer, receivedOn!.Value, turn.Today) is { } problem)
            return Refuse(turn, problem, member, receivedOn.Value, transfer);

        transfer!.RecordReceipt(receivedOn.Value, turn.Member.Id);
        await turn.Db.SaveChangesAsync(cancellationToken);
        return new Reply.ReplaceCard(await CardAsync(turn, cancellationToken),
            turn.T("transfers.receipt.saved", Name(member), Formats.Date(turn.Language, receivedOn.Value), Markdown.Escape(UserText.Clip(transfer.Destination))));
    }

    /// <summary>The card's rows: the graduating members of this year, and everyone whose receipt is still missing.</summary>
    public static async Task<IReadOnlyList<TransferRow>> RowsAsync(BranchDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var transfers = await db.Transfers.AsNoTracking().ToDictionaryAsync(t => t.MemberId, cancellationToken);
        var transferred = transfers.Keys.ToList();
        var members = await db.Members.AsNoTracking().Where(m => m.GraduatesOn != null || transferred.Contains(m.Id)).ToListAsync(cancellationToken);
        var graduating = TransferRules.Graduating(members, today.Year);
        var missing = members.Where(m => transfers.TryGetValue(m.Id, out var t) && TransferRules.IsChased(t) && !graduating.Contains(m))
            .OrderBy(m => transfers[m.Id].LetterIssuedOn).ThenBy(m => m.StudentNumber, StringComparer.Ordinal);
        return [.. graduating.Concat(missing).Select(m => Row(m, transfers.GetValueOrDefault(m.Id)))];
    }

    public static TransferRow Row(Member m, Transfer? t) => new(m.Id, m.Name, m.StudentNumber, m.GraduatesOn, t?.LetterIssuedOn, t?.Destination, t?.ReceiptOn);

    private static async Task<AdaptiveCard> CardAsync(Turn turn, CancellationToken cancellationToken) =>
        TransfersCard.Build(turn.Language, turn.Today.Year, await RowsAsync(turn.Db, turn.Today, cancellationToken), turn.Today, "transfers-" + Guid.NewGuid().ToString("N"));

    private static async Task<Member?> MemberAsync(Turn turn, string? reference, CancellationToken cancellationToken) =>
        int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await turn.Db.Members.FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            : null;

    private static string Name(Member member) => Markdown.Escape(UserText.Clip(member.Name));

    private static Reply.Refused Refuse(Turn turn, TransferProblem problem, Member member, DateOnly date, Transfer? transfer) => new(problem switch
    {
        TransferProblem.NotCommittee => turn.T("error.notPermitted"),
        TransferProblem.NotAPartyMember => turn.T("transfers.problem.notAPartyMember", Name(member)),
        TransferProblem.NotGraduating => turn.T("transfers.problem.notGraduating", Name(member), turn.Today.Year),
        TransferProblem.InFuture => turn.T("transfers.problem.inFuture", Formats.Date(turn.Language, date), Formats.Date(turn.Language, turn.Today)),
        TransferProblem.AlreadyIssued => turn.T("transfers.problem.alreadyIssued", Name(member), Formats.Date(turn.Language, transfer!.LetterIssuedOn), Markdown.Escape(UserText.Clip(transfer.Destination))),
        TransferProblem.NoLetter => turn.T("transfers.problem.noLetter", Name(member)),
        TransferProblem.BeforeLetter => turn.T("transfers.problem.beforeLetter", Formats.Date(turn.Language, date), Formats.Date(turn.Language, transfer!.LetterIssuedOn)),
        TransferProblem.AlreadyReceived => turn.T("transfers.problem.alreadyReceived", Name(member), Formats.Date(turn.Language, transfer!.ReceiptOn!.Value)),
        _ => turn.T("error.badCard"),
    });
}
