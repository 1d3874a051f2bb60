using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Infrastructure;

// Section "Branch".
public sealed class BranchOptions
{
    public const string Section = "Branch";

    public string Name { get; set; } = "学生党支部";
    public string TimeZone { get; set; } = "Asia/Shanghai";
    // Fixes the first owed day; when unset, the first roster import stores its date (BranchSetting).
    public DateOnly? TrackingStartsOn { get; set; }

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    // Configuration wins over the stored date; with neither (no import yet), nothing before today is owed.
    public Branch ToBranch(DateOnly? storedTrackingStartsOn, DateOnly today) =>
        new(Name, ResolveTimeZone(), TrackingStartsOn ?? storedTrackingStartsOn ?? today);

    public DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ResolveTimeZone()).DateTime);
}

// What the branch-settings row holds, with the policy parsed (the built-in default when none is stored).
public sealed record StoredBranchSetting(DateOnly? TrackingStartsOn, Policy Policy);

public static class BranchLoading
{
    public static async Task<Branch> LoadBranchAsync(this BranchDbContext db, BranchOptions options, TimeProvider time, CancellationToken ct) =>
        options.ToBranch((await db.ReadBranchSettingAsync(ct)).TrackingStartsOn, options.Today(time));

    // The one reader of the settings row: the branch, the bot's turns and the reminder jobs all go through it.
    public static async Task<StoredBranchSetting> ReadBranchSettingAsync(this BranchDbContext db, CancellationToken ct)
    {
        var row = await db.BranchSettings.AsNoTracking()
            .Where(s => s.Id == BranchSetting.SingletonId)
            .Select(s => new { s.TrackingStartsOn, s.PolicyJson })
            .FirstOrDefaultAsync(ct);
        var json = row?.PolicyJson;
        return new StoredBranchSetting(row?.TrackingStartsOn, string.IsNullOrWhiteSpace(json) ? Policy.Default : Policy.FromJson(json));
    }
}

internal sealed class ValidateBranchOptions : IValidateOptions<BranchOptions>
{
    public ValidateOptionsResult Validate(string? name, BranchOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
            failures.Add($"{BranchOptions.Section}:Name must not be empty.");
        if (string.IsNullOrWhiteSpace(options.TimeZone))
            failures.Add($"{BranchOptions.Section}:TimeZone must not be empty (for example Asia/Shanghai).");
        else
        {
            try { options.ResolveTimeZone(); }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                failures.Add($"{BranchOptions.Section}:TimeZone '{options.TimeZone}' is not a time zone this machine knows (for example Asia/Shanghai).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
