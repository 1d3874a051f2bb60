using System.Text.Json;
using BranchBot.Bot.Cards;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;

namespace BranchBot.Bot.Delivery;

/// <summary>
/// A message a turn queues for someone else (a nudge, a notice, a decision card), built in the recipient's language
/// when it is queued: <see cref="Card"/> is the rendered card JSON. When every row of its step ends without reaching
/// anyone, the <see cref="Fallback"/> rows are queued in their place (about the same kind, period and subject).
/// </summary>
public sealed record QueuedMessage(string? Card, string? Text)
{
    public IReadOnlyList<QueuedRow> Fallback { get; init; } = [];

    public static QueuedMessage Of(AdaptiveCard? card, string? text) => new(card?.ToJson(), text);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static QueuedMessage FromJson(string json) =>
        JsonSerializer.Deserialize<QueuedMessage>(json) ?? throw new InvalidOperationException("A queued message is empty.");
}

/// <summary>One recipient of a queued message, under the step that names the message in the ledger.</summary>
public sealed record QueuedRow(int MemberId, string Step, QueuedMessage Message);

/// <summary>
/// The turn's side of the ledger: a queued message is a <see cref="ReminderDelivery"/> row (unique per recipient, kind,
/// period, step and subject, so a double click queues one), saved with the turn's own changes, then sent by the
/// <see cref="DeliveryWorker"/>. A turn never awaits a send.
/// </summary>
public static class DeliveryQueue
{
    public static ReminderDelivery Row(QueuedRow row, ObligationKind kind, Period period, int subjectId, DateTimeOffset now) => new()
    {
        MemberId = row.MemberId,
        Kind = kind,
        Period = period,
        Step = row.Step,
        SubjectId = subjectId,
        Status = ReminderDeliveryStatus.Pending,
        CreatedAt = now,
        Message = row.Message.ToJson(),
    };

    /// <summary>
    /// Why the bot already knows it cannot reach this person (no Teams user, or Teams said stop): the sender would
    /// refuse without trying, so the turn says so at once instead of queueing. Null when a send is worth trying.
    /// </summary>
    public static string? KnownUnreachable(TeamsUser? user) => user switch
    {
        null => ProactiveSender.NoTeamsUser,
        { UnreachableReason: { } reason } => reason,
        _ => null,
    };
}

/// <summary>Wakes the delivery worker when a turn has queued something, so it goes out at once rather than at the next poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
