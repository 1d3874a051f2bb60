using BranchBot.Bot.Conversation;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Rules;

/// <summary>A recorded change of the policy: its version, who made it and when, the policy before and after.</summary>
public sealed record PolicyVersion(int Version, string ChangedBy, DateTimeOffset At, string OldPolicyJson, string NewPolicyJson);

/// <summary>What a save came to.</summary>
public abstract record PolicySaveOutcome
{
    private PolicySaveOutcome() { }

    /// <summary>Stored, as the version given.</summary>
    public sealed record Saved(int Version) : PolicySaveOutcome;
    /// <summary>The values are the stored ones: nothing recorded.</summary>
    public sealed record Unchanged : PolicySaveOutcome;
    /// <summary>The policy changed since the form was made (Latest: by whom and when; null: the form named a version that never was).</summary>
    public sealed record Stale(PolicyVersion? Latest) : PolicySaveOutcome;
}

/// <summary>
/// Reads and writes the stored policy for both editors (the chat card and the tab): every change is a PolicyChange row
/// (who, when, before and after) with the next version, and a save names the version its form was made from, so a save
/// over a change the form did not show is refused. Not tied to a chat turn.
/// </summary>
public static class PolicyStore
{
    /// <summary>The latest recorded change, or null when the policy was never changed.</summary>
    public static async Task<PolicyVersion?> LatestAsync(BranchDbContext db, CancellationToken ct) =>
        (await HistoryAsync(db, 1, ct)).FirstOrDefault();

    /// <summary>The latest changes, newest first.</summary>
    public static async Task<IReadOnlyList<PolicyVersion>> HistoryAsync(BranchDbContext db, int take, CancellationToken ct) =>
        await db.PolicyChanges.AsNoTracking()
            .Where(c => c.BranchId == BranchSetting.SingletonId)
            .OrderByDescending(c => c.Version)
            .Take(take)
            .Select(c => new PolicyVersion(c.Version, db.Members.Where(m => m.Id == c.ChangedById).Select(m => m.Name).FirstOrDefault() ?? "", c.ChangedAt, c.OldPolicyJson, c.NewPolicyJson))
            .ToListAsync(ct);

    /// <summary>Stores <paramref name="changed"/> as the version after <paramref name="version"/>, by the member, at <paramref name="now"/>.</summary>
    public static async Task<PolicySaveOutcome> SaveAsync(BranchDbContext db, BranchState branchState, int memberId, int version, Policy changed,
        DateTimeOffset now, CancellationToken ct)
    {
        var latest = await LatestAsync(db, ct);
        if (version != (latest?.Version ?? 0)) return new PolicySaveOutcome.Stale(latest);

        var old = (await db.ReadBranchSettingAsync(ct)).Policy;
        if (changed == old) return new PolicySaveOutcome.Unchanged();

        var setting = await db.BranchSettings.FindAsync([BranchSetting.SingletonId], ct);
        if (setting is null) db.BranchSettings.Add(setting = new BranchSetting());
        setting.PolicyJson = changed.ToJson();
        setting.UpdatedAt = now;
        db.PolicyChanges.Add(new PolicyChange
        {
            Version = version + 1,
            ChangedById = memberId,
            ChangedAt = now,
            OldPolicyJson = old.ToJson(),
            NewPolicyJson = setting.PolicyJson,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another save from a form of the same version won: (BranchId, Version) is unique.
            db.ChangeTracker.Clear();
            return new PolicySaveOutcome.Stale(await LatestAsync(db, ct));
        }
        branchState.Invalidate();
        return new PolicySaveOutcome.Saved(version + 1);
    }
}
