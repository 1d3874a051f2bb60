using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Persistence;

public static class ExtensionDecisionWrite
{
    /// <summary>
    /// Stores a decision made on an untracked <paramref name="decided"/> request (after <see cref="Extension.Decide"/>)
    /// as one conditional UPDATE that only touches a request still undecided. False: another decider, in this
    /// process or another, got there first and nothing was written. Two deciders at once give one outcome.
    /// </summary>
    public static async Task<bool> TryStoreDecisionAsync(this BranchDbContext db, Extension decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        if (decided.Status == ExtensionStatus.Requested) throw new ArgumentException("Decide the request before storing the decision.", nameof(decided));
        var rows = await db.Extensions
            .Where(e => e.Id == decided.Id && e.Status == ExtensionStatus.Requested)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, decided.Status)
                .SetProperty(e => e.RequestedUntil, decided.RequestedUntil)
                .SetProperty(e => e.DecidedById, decided.DecidedById)
                .SetProperty(e => e.DecidedAt, decided.DecidedAt), cancellationToken);
        return rows == 1;
    }
}
