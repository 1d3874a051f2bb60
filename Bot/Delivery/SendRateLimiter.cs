using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Delivery;

/// <summary>
/// Spaces proactive sends evenly: at most <see cref="DeliveryOptions.TenantMessagesPerSecond"/> per tenant and
/// <see cref="DeliveryOptions.ConversationMessagesPerSecond"/> per conversation, per process. Each caller reserves the
/// next free slot, so a fan-out runs at the ceiling without bursts that Teams would answer with 429. Pacing is
/// wall-clock time on purpose: a test's fake clock must not stall real HTTP traffic.
/// </summary>
public sealed class SendRateLimiter
{
    private readonly ConcurrentDictionary<string, Lane> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lane> _conversations = new(StringComparer.Ordinal);
    private readonly long _tenantInterval;
    private readonly long _conversationInterval;

    public SendRateLimiter(IOptions<DeliveryOptions> options)
    {
        _tenantInterval = (long)(Stopwatch.Frequency / options.Value.TenantMessagesPerSecond);
        _conversationInterval = (long)(Stopwatch.Frequency / options.Value.ConversationMessagesPerSecond);
    }

    public async ValueTask WaitAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        await UntilAsync(Reserve(_conversations, conversationId, _conversationInterval), ct).ConfigureAwait(false);
        await UntilAsync(Reserve(_tenants, tenantId, _tenantInterval), ct).ConfigureAwait(false);
    }

    /// <summary>Teams said 429 with Retry-After: nobody in the tenant sends before then.</summary>
    public void PauseTenant(string tenantId, TimeSpan delay)
    {
        var lane = _tenants.GetOrAdd(tenantId, _ => new Lane());
        var until = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        lock (lane) lane.Next = Math.Max(lane.Next, until);
    }

    private static long Reserve(ConcurrentDictionary<string, Lane> lanes, string key, long interval)
    {
        var lane = lanes.GetOrAdd(key, _ => new Lane());
        lock (lane)
        {
            var at = Math.Max(Stopwatch.GetTimestamp(), lane.Next);
            lane.Next = at + interval;
            return at;
        }
    }

    private static Task UntilAsync(long timestamp, CancellationToken ct)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, ct) : Task.CompletedTask;
    }

    private sealed class Lane
    {
        public long Next;
    }
}
