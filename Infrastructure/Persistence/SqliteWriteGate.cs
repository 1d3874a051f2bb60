using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BranchBot.Infrastructure.Persistence;

// SQLite lets one writer in at a time, and Microsoft.Data.Sqlite answers a busy database by blocking the thread
// and retrying every 150 ms. Under concurrent turns that made a 2 ms submission take 150–1,000 ms and blocked
// thread-pool threads. Saves of this process therefore queue here, asynchronously, one at a time per database
// file. A save inside an explicit transaction is not gated: its transaction may already hold the write lock, and
// waiting here behind a save that waits for that lock would deadlock. Other processes (the CLI) still meet
// SQLite's own locking as before.
internal sealed class SqliteWriteGate : SaveChangesInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbContext, SemaphoreSlim> _held = new();

    private SqliteWriteGate()
    {
    }

    /// <summary>
    /// Holds this process's write gate of the database for an explicit transaction (the group commit of submissions):
    /// saves through the interceptor wait behind it, as they wait behind each other.
    /// </summary>
    public async Task<IDisposable> EnterAsync(string connectionString, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (GateFor(eventData.Context) is { } gate)
        {
            gate.Wait();
            _held.AddOrUpdate(eventData.Context!, gate);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (GateFor(eventData.Context) is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
            _held.AddOrUpdate(eventData.Context!, gate);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private SemaphoreSlim? GateFor(DbContext? context) =>
        context is null || context.Database.CurrentTransaction is not null || context.Database.GetConnectionString() is not { } connectionString
            ? null
            : _gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));

    private void Release(DbContext? context)
    {
        if (context is not null && _held.TryGetValue(context, out var gate))
        {
            _held.Remove(context);
            gate.Release();
        }
    }
}
