using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Delivery;

/// <summary>Section "Delivery": how fast and how persistently proactive messages go out, and the ledger's claims.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Teams allows 50 requests/s per app per tenant in all; stay under it.</summary>
    public double TenantMessagesPerSecond { get; set; } = 40;

    /// <summary>Teams allows 7/s, 8/2 s, 60/30 s and 1800/h per conversation; one a second keeps under all of them.</summary>
    public double ConversationMessagesPerSecond { get; set; } = 1;

    /// <summary>Attempts per message for 429, 412, 502, 503, 504 and timeouts, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    public int BackoffBaseMilliseconds { get; set; } = 500;

    public int BackoffCapMilliseconds { get; set; } = 30_000;

    public int SendTimeoutSeconds { get; set; } = 30;

    /// <summary>Sends in flight at once during a reminder job's fan-out.</summary>
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>Rows claimed at once; a crash leaves at most about twice this many rows to be re-sent after the lease.</summary>
    public int ClaimBatchSize { get; set; } = 25;

    /// <summary>A claim older than this is taken to belong to a process that died mid-send; the row is sent again.</summary>
    public int ClaimLeaseSeconds { get; set; } = 120;

    internal TimeSpan ClaimLease => TimeSpan.FromSeconds(ClaimLeaseSeconds);
}

internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions o)
    {
        var failures = new List<string>();
        void Positive(double value, string key)
        {
            if (!(value > 0)) failures.Add($"{DeliveryOptions.Section}:{key} must be greater than 0 (was {value}).");
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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The proactive sender, its pacing, and the worker that sends what turns queued.</summary>
public static class DeliveryRegistration
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<ProactiveSender>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService<DeliveryWorkerService>();
        return services;
    }
}
