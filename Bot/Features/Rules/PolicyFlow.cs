using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure;

namespace BranchBot.Bot.Features.Rules;

/// <summary>
/// The committee reads and changes the branch policy in chat: the values are checked by <see cref="PolicyEdit"/> and
/// stored by <see cref="PolicyStore"/> (a PolicyChange row per change, the version guarding against a stale card), as the tab does.
/// </summary>
public sealed class PolicyFlow(BranchState branchState)
{
    public async Task<Reply> ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var policy = (await turn.Db.ReadBranchSettingAsync(cancellationToken)).Policy;
        var latest = await PolicyStore.LatestAsync(turn.Db, cancellationToken);
        return Reply.Show(Card(turn, policy, latest?.Version ?? 0, latest is null ? null : (latest.ChangedBy, latest.At)));
    }

    public async Task<Reply> SaveAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var version = data.Int(PolicyCard.VersionField, 0, int.MaxValue);
        if (data.Error is not null || data.CardId is not { Length: > 0 and <= 64 }) return new Reply.Refused(turn.T("error.badCard"));

        var latest = await PolicyStore.LatestAsync(turn.Db, cancellationToken);
        if (version != (latest?.Version ?? 0))
            return latest is null ? new Reply.Refused(turn.T("error.badCard")) : Stale(turn, latest);

        var old = (await turn.Db.ReadBranchSettingAsync(cancellationToken)).Policy;
        var edit = PolicyEdit.Read(old, id => data.String(id, PolicyEdit.MaxValueLength, required: false));
        if (!edit.IsValid)
        {
            // The card names the first field to fix (a chat reply is short); the tab shows each error next to its field.
            var first = edit.Errors[0];
            return new Reply.Refused(turn.T("policy.badValue", PolicyEdit.FieldName(turn.Language, old, first.Field), PolicyEdit.Hint(turn.Language, first)));
        }

        return await PolicyStore.SaveAsync(turn.Db, branchState, turn.Member.Id, version!.Value, edit.Policy!, turn.Now, cancellationToken) switch
        {
            PolicySaveOutcome.Saved saved => new Reply.ReplaceCard(Card(turn, edit.Policy!, saved.Version, (turn.Member.Name, turn.Now)), turn.T("policy.saved")),
            PolicySaveOutcome.Unchanged => new Reply.Refused(turn.T("policy.unchanged")),
            PolicySaveOutcome.Stale { Latest: { } other } => Stale(turn, other),
            _ => new Reply.Refused(turn.T("error.badCard")),
        };
    }

    private static AdaptiveCard Card(Turn turn, Policy policy, int version, (string By, DateTimeOffset At)? latest) =>
        PolicyCard.Build(turn.Language, policy, version,
            latest is { } l ? new PolicyLastChange(l.By, turn.Branch.LocalTime(l.At)) : null, ReportFlow.NewCardId());

    private static Reply Stale(Turn turn, PolicyVersion latest) =>
        new Reply.Refused(turn.T("policy.stale", Markdown.Escape(latest.ChangedBy), Formats.DateTime(turn.Language, turn.Branch.LocalTime(latest.At))));
}
