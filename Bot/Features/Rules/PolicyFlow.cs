using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Rules;

/// <summary>
/// The committee reads and changes the branch policy in chat. Every change is a PolicyChange row (who, when, before
/// and after); its version guards against saving over a change the card did not show.
/// </summary>
public sealed class PolicyFlow(BranchState branchState)
{
    public const int MaxReminders = 6;
    public const int MaxOffsetDays = 180;
    public const int MaxGraceDays = 92;
    public const int MaxMinLength = 10_000;
    public const int MaxDueSoonDays = 31;

    private sealed record Latest(int Version, string ChangedBy, DateTimeOffset At);

    public async Task<Reply> ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var policy = (await turn.Db.ReadBranchSettingAsync(cancellationToken)).Policy;
        var latest = await LatestAsync(turn, cancellationToken);
        return Reply.Show(Card(turn, policy, latest));
    }

    public async Task<Reply> SaveAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var version = data.Int(PolicyCard.VersionField, 0, int.MaxValue);
        if (data.Error is not null || data.CardId is not { Length: > 0 and <= 64 }) return new Reply.Refused(turn.T("error.badCard"));

        var latest = await LatestAsync(turn, cancellationToken);
        if (version != (latest?.Version ?? 0))
            return latest is null ? new Reply.Refused(turn.T("error.badCard")) : Stale(turn, latest);

        var old = (await turn.Db.ReadBranchSettingAsync(cancellationToken)).Policy;
        if (Read(turn, data, old, out var changed) is { } refused) return refused;
        if (changed == old) return new Reply.Refused(turn.T("policy.unchanged"));

        var setting = await turn.Db.BranchSettings.FindAsync([BranchSetting.SingletonId], cancellationToken);
        if (setting is null) turn.Db.BranchSettings.Add(setting = new BranchSetting());
        setting.PolicyJson = changed.ToJson();
        setting.UpdatedAt = turn.Now;
        turn.Db.PolicyChanges.Add(new PolicyChange
        {
            Version = version!.Value + 1,
            ChangedById = turn.Member.Id,
            ChangedAt = turn.Now,
            OldPolicyJson = old.ToJson(),
            NewPolicyJson = setting.PolicyJson,
        });
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another save from a card of the same version won: (BranchId, Version) is unique.
            turn.Db.ChangeTracker.Clear();
            return Stale(turn, (await LatestAsync(turn, cancellationToken))!);
        }
        branchState.Invalidate();
        var mine = new Latest(version.Value + 1, turn.Member.Name, turn.Now);
        return new Reply.ReplaceCard(Card(turn, changed, mine), turn.T("policy.saved"));
    }

    private static AdaptiveCard Card(Turn turn, Policy policy, Latest? latest) =>
        PolicyCard.Build(turn.Language, policy, latest?.Version ?? 0,
            latest is null ? null : new PolicyLastChange(latest.ChangedBy, turn.Branch.LocalTime(latest.At)), ReportFlow.NewCardId());

    private static Reply Stale(Turn turn, Latest latest) =>
        new Reply.Refused(turn.T("policy.stale", Markdown.Escape(latest.ChangedBy), Formats.DateTime(turn.Language, turn.Branch.LocalTime(latest.At))));

    private static async Task<Latest?> LatestAsync(Turn turn, CancellationToken cancellationToken) =>
        await turn.Db.PolicyChanges.AsNoTracking()
            .Where(c => c.BranchId == BranchSetting.SingletonId)
            .OrderByDescending(c => c.Version)
            .Select(c => new Latest(c.Version, turn.Db.Members.Where(m => m.Id == c.ChangedById).Select(m => m.Name).First(), c.ChangedAt))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The policy the card asks for, every value checked against the ranges the Domain accepts; a refusal names the first bad field.</summary>
    private static Reply.Refused? Read(Turn turn, CardData data, Policy old, out Policy policy)
    {
        policy = old;
        var rules = new List<PolicyRule>(old.Rules.Count);
        for (var i = 0; i < old.Rules.Count; i++)
        {
            var rule = old.Rules[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            var name = PolicyCard.RuleName(turn.Language, rule);

            var offsetsId = PolicyCard.OffsetsInputPrefix + n;
            var offsets = Offsets(data.String(offsetsId, 40, required: false));
            if (offsets is null) return Bad(turn, name, offsetsId, turn.T("policy.hint.offsets", MaxReminders, MaxOffsetDays));

            var timeId = PolicyCard.TimeInputPrefix + n;
            var timeText = data.String(timeId, 40, required: false);
            if (!TimeOnly.TryParseExact(timeText, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                return Bad(turn, name, timeId, turn.T("policy.hint.time"));

            var graceId = PolicyCard.GraceInputPrefix + n;
            var grace = data.Int(graceId, 0, MaxGraceDays, required: false);
            if (data.Error is not null || grace is null) return Bad(turn, name, graceId, turn.T("policy.hint.range", 0, MaxGraceDays));

            var changed = rule with { ReminderOffsetsDays = offsets, ReminderTime = time, GraceDays = grace.Value };
            if (rule.IsWritten)
            {
                var minLengthId = PolicyCard.MinLengthInputPrefix + n;
                var minLength = data.Int(minLengthId, 0, MaxMinLength, required: false);
                if (data.Error is not null || minLength is null) return Bad(turn, name, minLengthId, turn.T("policy.hint.range", 0, MaxMinLength));
                changed = changed with { MinLength = minLength.Value };
            }
            rules.Add(changed);
        }

        var dueSoon = data.Int(PolicyCard.DueSoonInput, 0, MaxDueSoonDays, required: false);
        if (data.Error is not null || dueSoon is null) return Bad(turn, null, PolicyCard.DueSoonInput, turn.T("policy.hint.range", 0, MaxDueSoonDays));
        var extension = data.Int(PolicyCard.ExtensionInput, 1, 92, required: false);
        if (data.Error is not null || extension is null) return Bad(turn, null, PolicyCard.ExtensionInput, turn.T("policy.hint.range", 1, 92));

        policy = old.WithEdited(rules, dueSoon.Value, extension.Value);
        return null;
    }

    /// <summary>"7,3,1" (also with Chinese commas or spaces): 1 to 6 distinct whole days; null when it is not.</summary>
    private static int[]? Offsets(string? text)
    {
        if (text is null) return null;
        var parts = text.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > MaxReminders) return null;
        var days = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 3 || !parts[i].All(char.IsAsciiDigit)) return null;
            days[i] = int.Parse(parts[i], CultureInfo.InvariantCulture);
            if (days[i] is < 1 or > MaxOffsetDays) return null;
        }
        return days.Distinct().Count() == days.Length ? days : null;
    }

    private static Reply.Refused Bad(Turn turn, string? ruleName, string field, string hint)
    {
        var label = turn.T(Errors.LabelKey(field)!);
        return new Reply.Refused(turn.T("policy.badValue", ruleName is null ? label : ruleName + " · " + label, hint));
    }
}
