using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Localization;

public static class UserLanguage
{
    /// <summary>
    /// The person's own choice, else the language of the last command they typed, else their Teams client
    /// locale, else the branch default. Used for replies and for proactive messages alike.
    /// </summary>
    public static Language For(TeamsUser? user, Language branchDefault = Language.ZhCn) =>
        user is null
            ? branchDefault
            : LanguageResolver.Resolve(Parse(user.PreferredLanguage), Parse(user.LastTypedLanguage), user.ClientLocale, branchDefault);

    /// <summary>
    /// The language to write to a roster member in (<see cref="For"/>), read from their Teams user; with several, the
    /// latest updated, as the reminder jobs choose (<c>BranchSnapshot</c>).
    /// </summary>
    public static async Task<Language> OfMemberAsync(BranchDbContext db, int memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return For(await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId == memberId).OrderByDescending(u => u.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false));
    }

    public static Language? Parse(string? tag) => tag switch
    {
        "zh-CN" => Language.ZhCn,
        "en-US" => Language.EnUs,
        "zh-TW" => Language.ZhTw,
        _ => null,
    };
}
