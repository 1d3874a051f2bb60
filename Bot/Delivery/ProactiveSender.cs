using BranchBot.Bot.Cards;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Reminders;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace BranchBot.Bot.Delivery;

/// <summary>
/// Sends to a person's 1:1 chat through the process's one <see cref="CloudAdapter"/> (and so its cached connector
/// clients), paced by <see cref="SendRateLimiter"/>. 429 waits Retry-After (else exponential backoff with jitter),
/// 412/502/503/504/timeouts back off, all bounded by MaxAttempts; 403/404 mark the person unreachable and stop.
/// </summary>
public sealed class ProactiveSender(
    CloudAdapter adapter,
    IConfiguration configuration,
    IDbContextFactory<BranchDbContext> databases,
    SendRateLimiter limiter,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<ProactiveSender> logger)
{
    public const string NoTeamsUser = "NoTeamsUser";
    private const string TeamsChannel = "msteams";

    private readonly DeliveryOptions _options = options.Value;
    private readonly string _appId = configuration["MicrosoftAppId"] ?? string.Empty;

    public async Task<DeliveryOutcome> SendAsync(int memberId, AdaptiveCard? card, string? text, CancellationToken cancellationToken) =>
        await SendAsync(await FindAsync(memberId, cancellationToken).ConfigureAwait(false), card, text, cancellationToken).ConfigureAwait(false);

    public async Task<DeliveryOutcome> UpdateAsync(int memberId, string activityId, AdaptiveCard card, CancellationToken cancellationToken)
    {
        using var span = BranchBotTelemetry.Source.StartActivity("BranchBot update");
        return BranchBotTelemetry.Sent(await UpdateOnceAsync(memberId, activityId, card, cancellationToken).ConfigureAwait(false), span);
    }

    /// <summary>Sends to an already loaded <see cref="TeamsUser"/> (null: the person has none), creating the 1:1 chat if it is missing.</summary>
    public Task<DeliveryOutcome> SendAsync(TeamsUser? user, AdaptiveCard? card, string? text, CancellationToken cancellationToken) =>
        SendAsync(user, card?.ToAttachment(), text, cancellationToken);

    /// <summary>Sends a card already rendered to JSON: a message a turn queued in the ledger.</summary>
    public Task<DeliveryOutcome> SendRenderedAsync(TeamsUser? user, string? cardJson, string? text, CancellationToken cancellationToken) =>
        SendAsync(user, cardJson is null ? null : CardAttachment.FromJson(cardJson), text, cancellationToken);

    private async Task<DeliveryOutcome> SendAsync(TeamsUser? user, Attachment? card, string? text, CancellationToken cancellationToken)
    {
        using var span = BranchBotTelemetry.Source.StartActivity("BranchBot send");
        return BranchBotTelemetry.Sent(await SendOnceAsync(user, card, text, cancellationToken).ConfigureAwait(false), span);
    }

    private async Task<DeliveryOutcome> UpdateOnceAsync(int memberId, string activityId, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var user = await FindAsync(memberId, cancellationToken).ConfigureAwait(false);
        if (Refuse(user) is { } refused) return refused;
        var activity = Activity(card.ToAttachment(), null);
        activity.Id = activityId;
        return await WithRetriesAsync(user!, turn => turn.UpdateActivityAsync(activity, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeliveryOutcome> SendOnceAsync(TeamsUser? user, Attachment? card, string? text, CancellationToken cancellationToken)
    {
        if (card is null && string.IsNullOrEmpty(text)) throw new ArgumentException("Nothing to send.", nameof(text));
        if (Refuse(user) is { } refused) return refused;
        if (string.IsNullOrEmpty(user!.ConversationId))
        {
            var created = await CreateConversationAsync(user, cancellationToken).ConfigureAwait(false);
            if (created is not null) return created;
        }
        var activity = Activity(card, text);
        return await WithRetriesAsync(user, turn => turn.SendActivityAsync(activity, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static DeliveryOutcome? Refuse(TeamsUser? user) => user switch
    {
        null => new(DeliveryResult.NoConversation, Error: NoTeamsUser),
        { UnreachableReason: { } reason } => new(DeliveryResult.Unreachable, Error: reason),
        _ => null,
    };

    private async Task<TeamsUser?> FindAsync(int memberId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId == memberId).OrderByDescending(u => u.UpdatedAt).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    private static Activity Activity(Attachment? card, string? text)
    {
        var activity = card is null ? MessageFactory.Text(text) : MessageFactory.Attachment(card, text);
        return (Activity)activity;
    }

    private async Task<DeliveryOutcome> WithRetriesAsync(TeamsUser user, Func<ITurnContext, Task<ResourceResponse>> send, CancellationToken ct)
    {
        var reference = ReferenceOf(user);
        string? lastError = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            await limiter.WaitAsync(user.TenantId, user.ConversationId, ct).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.SendTimeoutSeconds));
            Exception? failure = null;
            string? activityId = null;
            try
            {
                // The adapter hands exceptions thrown in the callback to OnTurnError, which logs and swallows them:
                // catch inside, rethrow outside.
                await adapter.ContinueConversationAsync(_appId, reference, async (turn, _) =>
                {
                    try { activityId = (await send(turn).WaitAsync(timeout.Token).ConfigureAwait(false))?.Id; }
                    catch (Exception e) { failure = e; }
                }, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failure = e;
            }
            if (failure is null) return new(DeliveryResult.Sent, activityId, lastError, attempt);
            if (failure is OperationCanceledException && ct.IsCancellationRequested) throw failure;

            var classified = TeamsErrors.Classify(failure, timedOut: failure is OperationCanceledException or TimeoutException);
            lastError = classified.Reason;
            if (classified.Reason.StartsWith("429", StringComparison.Ordinal)) BranchBotTelemetry.Throttled.Add(1);
            switch (classified.Kind)
            {
                case FailureKind.Unreachable:
                    await MarkUnreachableAsync(user, classified.Reason, ct).ConfigureAwait(false);
                    return new(DeliveryResult.Unreachable, null, classified.Reason, attempt);
                case FailureKind.Permanent:
                    logger.LogWarning(failure, "Proactive send to member {MemberId} failed for good: {Reason}", user.MemberId, classified.Reason);
                    return new(DeliveryResult.Failed, null, classified.Reason, attempt);
            }
            if (attempt == _options.MaxAttempts) break;
            var delay = classified.RetryAfter ?? Backoff(attempt);
            if (classified.RetryAfter is { } pause) await limiter.PauseTenantAsync(user.TenantId, pause, ct).ConfigureAwait(false);
            logger.LogInformation("Proactive send to member {MemberId}: {Reason}; attempt {Attempt} of {Max}, retrying in {Delay} ms",
                user.MemberId, classified.Reason, attempt, _options.MaxAttempts, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
        return new(DeliveryResult.Failed, null, lastError, _options.MaxAttempts);
    }

    // Decorrelated enough for a fan-out: exponential, capped, with full jitter on the upper half.
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.BackoffCapMilliseconds, _options.BackoffBaseMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private async Task<DeliveryOutcome?> CreateConversationAsync(TeamsUser user, CancellationToken ct)
    {
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Members = [new ChannelAccount(user.TeamsUserId)],
            TenantId = user.TenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(user.TenantId) },
        };
        try
        {
            string? conversationId = null;
            string? referenceJson = null;
            await adapter.CreateConversationAsync(_appId, TeamsChannel, user.ServiceUrl, null, parameters, (turn, _) =>
            {
                var reference = turn.Activity.GetConversationReference();
                reference.Conversation.TenantId ??= user.TenantId;
                reference.User ??= new ChannelAccount(user.TeamsUserId);
                conversationId = reference.Conversation.Id;
                referenceJson = JsonConvert.SerializeObject(reference);
                return Task.CompletedTask;
            }, ct).ConfigureAwait(false);
            if (string.IsNullOrEmpty(conversationId)) return new(DeliveryResult.NoConversation, Error: "CreateConversation returned no id", Attempts: 1);
            user.ConversationId = conversationId;
            user.ConversationReferenceJson = referenceJson!;
            await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
            await db.TeamsUsers.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.ConversationId, conversationId)
                .SetProperty(u => u.ConversationReferenceJson, referenceJson!), ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var classified = TeamsErrors.Classify(e, e is OperationCanceledException);
            if (classified.Kind == FailureKind.Unreachable)
            {
                await MarkUnreachableAsync(user, classified.Reason, ct).ConfigureAwait(false);
                return new(DeliveryResult.Unreachable, null, classified.Reason, 1);
            }
            return new(DeliveryResult.NoConversation, null, "CreateConversation: " + classified.Reason, 1);
        }
    }

    private async Task MarkUnreachableAsync(TeamsUser user, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        user.UnreachableReason = reason;
        user.UnreachableSince = now;
        await using var db = await databases.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.TeamsUsers.Where(u => u.Id == user.Id && u.UnreachableReason == null).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.UnreachableReason, reason)
            .SetProperty(u => u.UnreachableSince, now), ct).ConfigureAwait(false);
        logger.LogInformation("Member {MemberId} is unreachable in Teams: {Reason}", user.MemberId, reason);
    }

    internal static ConversationReference ReferenceOf(TeamsUser user)
    {
        ConversationReference? stored = null;
        if (!string.IsNullOrWhiteSpace(user.ConversationReferenceJson))
        {
            try { stored = JsonConvert.DeserializeObject<ConversationReference>(user.ConversationReferenceJson); }
            catch (JsonException) { }
        }
        var reference = stored ?? new ConversationReference();
        // The row's columns are the truth; the JSON fills in what they do not hold (the bot account, locale).
        reference.ChannelId ??= TeamsChannel;
        reference.ServiceUrl = user.ServiceUrl;
        reference.Conversation = new ConversationAccount(id: user.ConversationId, tenantId: user.TenantId, conversationType: "personal");
        reference.User ??= new ChannelAccount(user.TeamsUserId);
        return reference;
    }
}

/// <summary>What the conversation layer calls when a person talks to the bot: they can be reached again.</summary>
public static class TeamsUserReachability
{
    public static void MarkReachable(this TeamsUser user)
    {
        user.UnreachableReason = null;
        user.UnreachableSince = null;
    }
}
