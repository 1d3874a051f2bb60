using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Reminders;

/// <summary>Section "Reminders": the schedule's switches, the send limits and the ledger's lease.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Run the Hangfire server and the recurring jobs in this process (off: only <c>jobs run</c> sends).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>On start-up, run every job once so that a run missed while the app was down is made up.</summary>
    public bool CatchUpOnStart { get; set; } = true;

    /// <summary>Teams allows 50 requests/s per app per tenant in all; stay under it.</summary>
    public double TenantMessagesPerSecond { get; set; } = 40;

    /// <summary>Teams allows 7/s, 8/2 s, 60/30 s and 1800/h per conversation; one a second keeps under all of them.</summary>
    public double ConversationMessagesPerSecond { get; set; } = 1;

    /// <summary>Attempts per message for 429, 412, 502, 503, 504 and timeouts, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    public int BackoffBaseMilliseconds { get; set; } = 500;

    public int BackoffCapMilliseconds { get; set; } = 30_000;

    public int SendTimeoutSeconds { get; set; } = 30;

    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>Rows claimed at once; a crash leaves at most about twice this many rows to be re-sent after the lease.</summary>
    public int ClaimBatchSize { get; set; } = 25;

    /// <summary>A claim older than this is taken to belong to a process that died mid-send; the row is sent again.</summary>
    public int ClaimLeaseSeconds { get; set; } = 120;

    /// <summary>Overdue notices and summaries missed for longer than this are not made up.</summary>
    public int CatchUpDays { get; set; } = 7;

    /// <summary>Branch-local time of the leader and committee summaries.</summary>
    public TimeOnly SummaryTime { get; set; } = new(9, 0);

    public ReminderDashboardOptions Dashboard { get; set; } = new();

    internal TimeSpan ClaimLease => TimeSpan.FromSeconds(ClaimLeaseSeconds);
}

/// <summary>
/// The Hangfire dashboard at /hangfire: open (from this machine only) in Development; elsewhere off unless
/// <see cref="User"/> and <see cref="Password"/> are set, and then behind HTTP Basic authentication (use HTTPS).
/// </summary>
public sealed class ReminderDashboardOptions
{
    public string? User { get; set; }
    public string? Password { get; set; }

    internal bool HasCredentials => !string.IsNullOrEmpty(User) && !string.IsNullOrEmpty(Password);
}

internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions o)
    {
        var failures = new List<string>();
        void Positive(double value, string key)
        {
            if (!(value > 0)) failures.Add($"{ReminderOptions.Section}:{key} must be greater than 0 (was {value}).");
        }
        Positive(o.TenantMessagesPerSecond, nameof(o.TenantMessagesPerSecond));
        Positive(o.ConversationMessagesPerSecond, nameof(o.ConversationMessagesPerSecond));
        Positive(o.MaxAttempts, nameof(o.MaxAttempts));
        Positive(o.BackoffBaseMilliseconds, nameof(o.BackoffBaseMilliseconds));
        Positive(o.BackoffCapMilliseconds, nameof(o.BackoffCapMilliseconds));
        Positive(o.SendTimeoutSeconds, nameof(o.SendTimeoutSeconds));
        Positive(o.MaxConcurrentSends, nameof(o.MaxConcurrentSends));
        Positive(o.ClaimBatchSize, nameof(o.ClaimBatchSize));
        Positive(o.ClaimLeaseSeconds, nameof(o.ClaimLeaseSeconds));
        Positive(o.CatchUpDays, nameof(o.CatchUpDays));
        if (string.IsNullOrEmpty(o.Dashboard.User) != string.IsNullOrEmpty(o.Dashboard.Password))
            failures.Add($"{ReminderOptions.Section}:Dashboard:User and {ReminderOptions.Section}:Dashboard:Password go together.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
