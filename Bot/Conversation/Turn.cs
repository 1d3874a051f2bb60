using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;

namespace BranchBot.Bot.Conversation;

/// <summary>Who is speaking, resolved from the activity and the roster (never from card data).</summary>
public sealed record Speaker(string UserKey, string? DisplayName, TeamsUser? Record, Member? Member, Language Language);

/// <summary>Everything a flow needs for one turn. Flows never see Bot Framework types.</summary>
public sealed record Turn(Speaker Speaker, BranchDbContext Db, DateTimeOffset Now, Branch Branch, Policy Policy, string? AnsweredCardActivityId)
{
    /// <summary>
    /// The academic calendar's spans (no leaves), as <see cref="BranchState"/> holds them (re-read within seconds of an
    /// edit on another instance, at once after one on this); null when the turn was built without them, and then read.
    /// </summary>
    public AcademicCalendar? Spans { get; init; }

    /// <summary>The academic calendar's spans: <see cref="Spans"/>, else read now.</summary>
    public async Task<AcademicCalendar> SpansAsync(CancellationToken cancellationToken) =>
        Spans ?? await new FactReader(Db).SpansAsync(cancellationToken);

    public Language Language => Speaker.Language;

    /// <summary>Flows run only for people on the roster; the router checks that first.</summary>
    public Member Member => Speaker.Member ?? throw new InvalidOperationException("The speaker is not on the roster.");

    public DateOnly Today => Branch.LocalDate(Now);

    /// <summary>What was typed after a command that takes an argument (年度导出 2025: "2025"); null otherwise.</summary>
    public string? Argument { get; init; }

    public string T(string key, params object?[] args) => Texts.Default.Get(Language, key, args);
}

/// <summary>What a flow answers. The activity handler turns it into Bot Framework calls.</summary>
public abstract record Reply
{
    /// <summary>A new message in the chat: a card, a text, or both.</summary>
    public sealed record Message(AdaptiveCard? Card, string? Text = null) : Reply;

    /// <summary>The answered card is replaced in place (a receipt); the optional text follows as a message.</summary>
    public sealed record ReplaceCard(AdaptiveCard Card, string? Text = null) : Reply;

    /// <summary>Nothing was changed; the text says why. The answered card stays as it was, with what was typed.</summary>
    public sealed record Refused(string Text) : Reply;

    public static Reply Say(string text) => new Message(null, text);
    public static Reply Show(AdaptiveCard card) => new Message(card);
}
