using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Reminders;

/// <summary>Section "Reminders": the schedule's switches and catch-up (the send limits and the ledger's lease are <see cref="Delivery.DeliveryOptions"/>).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Run the Hangfire server and the recurring jobs in this process (off: only <c>jobs run</c> sends).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>On start-up, run every job once so that a run missed while the app was down is made up.</summary>
    public bool CatchUpOnStart { get; set; } = true;

    /// <summary>Overdue notices and summaries missed for longer than this are not made up.</summary>
    public int CatchUpDays { get; set; } = 7;

    /// <summary>Branch-local time of the leader and committee summaries.</summary>
    public TimeOnly SummaryTime { get; set; } = new(9, 0);

    public ReminderDashboardOptions Dashboard { get; set; } = new();
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
        Positive(o.CatchUpDays, nameof(o.CatchUpDays));
        if (string.IsNullOrEmpty(o.Dashboard.User) != string.IsNullOrEmpty(o.Dashboard.Password))
            failures.Add($"{ReminderOptions.Section}:Dashboard:User and {ReminderOptions.Section}:Dashboard:Password go together.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
