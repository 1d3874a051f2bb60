using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Infrastructure.Persistence;

/// <summary>
/// Stores report submissions. On SQLite, submissions that arrive together share one transaction and one fsync (group
/// commit): the first turn to arrive writes everything queued at that moment, and the first of those that queued
/// behind it writes the next batch. Every turn returns only after the transaction holding its row has committed, so
/// "received" is still said only of a report on disk. A batch is first written with one SaveChanges; when that meets a
/// unique violation (a double click, or a racing version), the batch is written again item by item, each behind a
/// savepoint, so the violation reaches its own turn alone and the others are stored. Other providers save on the
/// turn's own context, as before.
/// </summary>
public sealed class SubmissionWriter
{
    private readonly IDbContextFactory<BranchDbContext> _databases;
    private readonly bool _groupCommit;
    private readonly Queue<Item> _queue = new();
    private bool _writing;

    public SubmissionWriter(IDbContextFactory<BranchDbContext> databases, IOptions<DatabaseOptions> options)
    {
        _databases = databases;
        _groupCommit = options.Value.Provider == DatabaseProvider.Sqlite;
    }

    private sealed class Item(Submission submission)
    {
        public Submission Submission { get; } = submission;
        // Completed when the transaction holding this row committed, or with the reason it did not.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        // Completed when this turn is to write the next batch (its own row among it).
        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Stores the new submission; returns once it is committed. A unique violation throws as SaveChanges does.</summary>
    public async Task StoreAsync(BranchDbContext turnDb, Submission submission, CancellationToken cancellationToken)
    {
        if (!_groupCommit || turnDb.Database.CurrentTransaction is not null)
        {
            turnDb.Submissions.Add(submission);
            await turnDb.SaveChangesAsync(cancellationToken);
            return;
        }

        var item = new Item(submission);
        bool lead;
        lock (_queue)
        {
            _queue.Enqueue(item);
            lead = !_writing;
            _writing = true;
        }
        // Not cancelled by this turn's token: the batch carries other turns' reports too, and once queued a report
        // is either committed or failed, never left half way.
        if (!lead && await Task.WhenAny(item.Done.Task, item.Lead.Task) == item.Done.Task)
        {
            await item.Done.Task;
            return;
        }
        await WriteNextBatchAsync();
        await item.Done.Task;
    }

    // Writes everything queued (this turn's item among it), then hands the next batch to the first turn queued since.
    private async Task WriteNextBatchAsync()
    {
        List<Item> batch;
        lock (_queue)
        {
            batch = [.. _queue];
            _queue.Clear();
        }
        try
        {
            await WriteAsync(batch);
        }
        catch (Exception e)
        {
            foreach (var item in batch) item.Done.TrySetException(e);
        }
        finally
        {
            lock (_queue)
            {
                if (_queue.TryPeek(out var next)) next.Lead.TrySetResult();
                else _writing = false;
            }
        }
    }

    private async Task WriteAsync(List<Item> batch)
    {
        await using var db = await _databases.CreateDbContextAsync(CancellationToken.None);
        // The interceptor's key for this database, so this batch and the other saves of the process take turns.
        using var gate = await SqliteWriteGate.Instance.EnterAsync(db.Database.GetConnectionString()!, CancellationToken.None);
        db.Database.AutoSavepointsEnabled = false;
        var failed = await WholeBatchAsync(db, batch) is { } error
            ? batch.Count == 1 ? new Dictionary<Item, Exception> { [batch[0]] = error } : await OneByOneAsync(db, batch)
            : [];
        foreach (var item in batch)
        {
            if (failed.TryGetValue(item, out var itemError)) item.Done.TrySetException(itemError);
            else item.Done.TrySetResult();
        }
    }

    // The common case: one statement batch, one commit. Null when committed; the violation when one row broke a unique index.
    private static async Task<DbUpdateException?> WholeBatchAsync(BranchDbContext db, List<Item> batch)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        db.Submissions.AddRange(batch.Select(i => i.Submission));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return e;
        }
        await transaction.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        return null;
    }

    // After a violation: each row behind its own savepoint, so only the offending turns fail; one commit for the rest.
    private static async Task<Dictionary<Item, Exception>> OneByOneAsync(BranchDbContext db, List<Item> batch)
    {
        var failed = new Dictionary<Item, Exception>();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        foreach (var item in batch)
        {
            await transaction.CreateSavepointAsync(Savepoint, CancellationToken.None);
            db.Submissions.Add(item.Submission);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                await transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                db.Entry(item.Submission).State = EntityState.Detached;
                failed[item] = e;
            }
        }
        await transaction.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        return failed;
    }

    private const string Savepoint = "submission";
}
