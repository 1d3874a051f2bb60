namespace BranchBot.Bot.Delivery;

public enum DeliveryResult
{
    Sent,
    /// <summary>Teams said stop (blocked, not installed, disabled by admin, conversation gone): do not retry.</summary>
    Unreachable,
    /// <summary>The person never opened a chat with the bot and none could be created.</summary>
    NoConversation,
    /// <summary>Retries ran out (throttling, 5xx, timeouts).</summary>
    Failed,
}

/// <param name="Attempts">HTTP attempts made (0 when nothing was tried).</param>
public sealed record DeliveryOutcome(DeliveryResult Result, string? ActivityId = null, string? Error = null, int Attempts = 0);
