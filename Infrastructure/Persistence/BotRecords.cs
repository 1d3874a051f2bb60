using BranchBot.Domain;

namespace BranchBot.Infrastructure.Persistence;

// A person as Teams knows them: what the bot needs to message them proactively.
public sealed class TeamsUser
{
    public int Id { get; set; }
    public required string AadObjectId { get; set; }
    // The Teams user id ("29:...").
    public required string TeamsUserId { get; set; }
    public required string TenantId { get; set; }
    public required string ServiceUrl { get; set; }
    // The 1:1 conversation with the bot.
    public required string ConversationId { get; set; }
    public required string ConversationReferenceJson { get; set; }
    public int? MemberId { get; set; }
    public string? ClientLocale { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? LastTypedLanguage { get; set; }
    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    // Set when Teams said stop (403 blocked / not installed, 404 conversation gone): no proactive sends
    // until the person talks to the bot again, which clears both.
    public string? UnreachableReason { get; set; }
    public DateTimeOffset? UnreachableSince { get; set; }
}

// The branch's stored settings: a single row with SingletonId.
public sealed class BranchSetting
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    // Set by the first roster import when configuration does not fix it.
    public DateOnly? TrackingStartsOn { get; set; }
    // The branch policy as JSON; null means the built-in defaults.
    public string? PolicyJson { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

// One change of the branch policy by the committee: who, when, and the policy before and after. Version counts the
// branch's changes from 1; the unique (BranchId, Version) key lets only one of two saves from the same card win.
public sealed class PolicyChange
{
    public long Id { get; set; }
    public int BranchId { get; set; } = BranchSetting.SingletonId;
    public int Version { get; set; }
    public int ChangedById { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string OldPolicyJson { get; set; }
    public required string NewPolicyJson { get; set; }
}

// Teams' per-tenant send ceiling, shared by every instance: the next free send slot of a tenant and the end of its
// last Retry-After pause, in UTC ticks. Instances reserve slots by a conditional update of this row, so N instances
// together keep one pace and one pause. Ticks, not a timestamp type: the update compares the value it read, to the
// tick, on every provider.
public sealed class SendPacing
{
    public int BranchId { get; set; } = BranchSetting.SingletonId;
    public required string TenantId { get; set; }
    public long NextSlotTicks { get; set; }
    public long PausedUntilTicks { get; set; }
}

public enum ReminderDeliveryStatus
{
    Pending = 1,
    Claimed = 2,
    Sent = 3,
    Failed = 4,
    Unreachable = 5,
    Skipped = 6,
    // No TeamsUser row for the recipient: the bot has never seen them and cannot open a chat.
    NoConversation = 7,
}

// One reminder step for one recipient about one obligation; the unique key makes sending at most once.
public sealed class ReminderDelivery
{
    public long Id { get; set; }
    // The recipient.
    public int MemberId { get; set; }
    public ObligationKind Kind { get; set; }
    public required Period Period { get; set; }
    // Which reminder of the sequence ("due-soon", "overdue-1", ...).
    public required string Step { get; set; }
    // Whom the obligation is about (the recipient for their own reports, the mentee for a mentor's talk).
    public int SubjectId { get; set; }
    public ReminderDeliveryStatus Status { get; set; } = ReminderDeliveryStatus.Pending;
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    // The Teams activity id of the sent card, to update it later.
    public string? ActivityId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    // Why a row ended as it did, or "resent after interrupted claim" when a claim outlived its lease and the
    // message was sent again: only such rows can have reached the person twice.
    public string? Note { get; set; }
    // A message queued inside a person's turn (a nudge, a notice, a decision card), already built in the
    // recipient's language, with what to queue next if it cannot be delivered; sent by the delivery worker.
    // Null for the reminder jobs' rows, which their job builds when it sends them.
    public string? Message { get; set; }
}
