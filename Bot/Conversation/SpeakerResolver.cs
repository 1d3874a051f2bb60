using BranchBot.Bot.Delivery;
using BranchBot.Bot.Localization;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;

namespace BranchBot.Bot.Conversation;

/// <summary>
/// Resolves who is speaking: keeps their 1:1 conversation reference (for proactive messages) and links the
/// Teams user to a roster member by AAD object id, else by UPN/e-mail from Teams (asked only while unlinked,
/// because TeamsInfo builds its own connector client per call).
/// </summary>
public sealed class SpeakerResolver(TimeProvider time, ILogger<SpeakerResolver> logger)
{
    public async Task<Speaker> ResolveAsync(ITurnContext turn, BranchDbContext db, Language? typedLanguage, CancellationToken cancellationToken)
    {
        try
        {
            return await ResolveOnceAsync(turn, db, typedLanguage, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Teams sends installationUpdate and conversationUpdate at the same moment on first contact: both
            // turns insert the person and the unique AAD id lets one in. The other reads what it stored.
            logger.LogDebug(e, "Concurrent first contact of {UserId}; reading the stored record.", turn.Activity.From?.Id);
            db.ChangeTracker.Clear();
            return await ResolveOnceAsync(turn, db, typedLanguage, cancellationToken);
        }
    }

    private async Task<Speaker> ResolveOnceAsync(ITurnContext turn, BranchDbContext db, Language? typedLanguage, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var from = activity.From ?? throw new InvalidOperationException("The activity has no sender.");
        var aadObjectId = string.IsNullOrEmpty(from.AadObjectId) ? null : from.AadObjectId;
        var userKey = aadObjectId ?? from.Id;
        var now = time.GetUtcNow();
        var personal = activity.Conversation?.ConversationType is null or "personal";
        var changed = false;

        // The Teams user and their member in one statement (both tracked: a turn may update either).
        var known = await UserWithMember.For(db)(db, userKey, cancellationToken);
        var user = known?.User;
        if (user is null && personal)
        {
            user = new TeamsUser
            {
                AadObjectId = userKey,
                TeamsUserId = from.Id,
                TenantId = TenantOf(activity) ?? "",
                ServiceUrl = activity.ServiceUrl,
                ConversationId = activity.Conversation!.Id,
                ConversationReferenceJson = ReferenceJson(activity),
                InstalledAt = now,
                UpdatedAt = now,
            };
            db.TeamsUsers.Add(user);
            changed = true;
        }
        else if (user is not null && personal && (user.ConversationId != activity.Conversation!.Id || user.ServiceUrl != activity.ServiceUrl))
        {
            user.ConversationId = activity.Conversation.Id;
            user.ServiceUrl = activity.ServiceUrl;
            user.TeamsUserId = from.Id;
            user.ConversationReferenceJson = ReferenceJson(activity);
            user.UpdatedAt = now;
            changed = true;
        }

        if (user is not null)
        {
            if (personal && user.UnreachableReason is not null)
            {
                // They are talking to us again, so reminders can reach them again.
                user.MarkReachable();
                changed = true;
            }
            if (!string.IsNullOrEmpty(activity.Locale) && user.ClientLocale != activity.Locale)
            {
                user.ClientLocale = activity.Locale;
                changed = true;
            }
            if (typedLanguage is { } typed && user.LastTypedLanguage != typed.Tag())
            {
                user.LastTypedLanguage = typed.Tag();
                user.UpdatedAt = now;
                changed = true;
            }
        }

        var member = known?.Member;
        if (member is null)
        {
            member = await FindMemberAsync(turn, db, aadObjectId, cancellationToken);
            if (member is not null)
            {
                if (aadObjectId is not null && member.AadObjectId != aadObjectId) member.LinkTeamsIdentity(aadObjectId);
                if (user is not null) user.MemberId = member.Id;
                changed = true;
            }
        }

        if (changed) await db.SaveChangesAsync(cancellationToken);

        var language = user is not null
            ? UserLanguage.For(user)
            : typedLanguage ?? LanguageResolver.FromLocale(activity.Locale) ?? Language.ZhCn;
        return new Speaker(userKey, from.Name, user, member, language);
    }

    private sealed record UserAndMember(TeamsUser User, Domain.Member? Member);

    // Compiled once: every turn runs it, and EF's per-query pipeline (funcletizing, the query cache's key) was a
    // visible part of a turn's CPU. A plain LEFT JOIN, so the member comes by its primary key.
    private static readonly PerModel<Func<BranchDbContext, string, CancellationToken, Task<UserAndMember?>>> UserWithMember = new(() =>
        EF.CompileAsyncQuery((BranchDbContext db, string userKey, CancellationToken cancellationToken) =>
            (from u in db.TeamsUsers
             where u.AadObjectId == userKey
             join m in db.Members on u.MemberId equals (int?)m.Id into members
             from m in members.DefaultIfEmpty()
             select new UserAndMember(u, m)).FirstOrDefault()));

    private async Task<Domain.Member?> FindMemberAsync(ITurnContext turn, BranchDbContext db, string? aadObjectId, CancellationToken cancellationToken)
    {
        if (aadObjectId is not null)
        {
            var byAad = await db.Members.FirstOrDefaultAsync(m => m.AadObjectId == aadObjectId, cancellationToken);
            if (byAad is not null) return byAad;
        }

        var emails = await TeamsEmailsAsync(turn, cancellationToken);
        if (emails.Count == 0) return null;
        return await db.Members.FirstOrDefaultAsync(m => m.Email != null && emails.Contains(m.Email), cancellationToken);
    }

    private async Task<List<string>> TeamsEmailsAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.ChannelId != Microsoft.Bot.Connector.Channels.Msteams) return [];
        try
        {
            var account = await TeamsInfo.GetMemberAsync(turn, turn.Activity.From.Id, cancellationToken);
            return new[] { account?.UserPrincipalName, account?.Email }
                .Where(e => !string.IsNullOrWhiteSpace(e))
                .Select(e => e!.Trim().ToLowerInvariant())
                .Distinct()
                .ToList();
        }
        catch (Exception e) when (e is ErrorResponseException or HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogWarning(e, "Could not read the Teams profile of {UserId} to link them to the roster.", turn.Activity.From.Id);
            return [];
        }
    }

    private static string? TenantOf(IActivity activity) =>
        activity.Conversation?.TenantId ?? activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;

    private static string ReferenceJson(IActivity activity) => JsonConvert.SerializeObject(activity.GetConversationReference());
}
