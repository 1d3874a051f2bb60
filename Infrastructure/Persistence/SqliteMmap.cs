using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BranchBot.Infrastructure.Persistence;

// Reads pages through a memory map instead of pread copies: every commit in WAL mode resets the other connections'
// page caches, so each turn read its pages again through the kernel. Set once per physical connection (the pool
// hands the same native handle out again), so a turn pays no extra statement. Writes still go through the WAL with
// synchronous as it is; mmap changes only how pages are read.
internal sealed class SqliteMmap : DbConnectionInterceptor
{
    public static readonly SqliteMmap Instance = new();
    private const long Bytes = 256L * 1024 * 1024;
    private readonly ConditionalWeakTable<object, object> _done = new();

    private SqliteMmap()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _done.TryGetValue(handle, out _)) return;
        using var command = sqlite.CreateCommand();
        command.CommandText = FormattableString.Invariant($"PRAGMA mmap_size={Bytes};");
        command.ExecuteNonQuery();
        _done.AddOrUpdate(handle, handle);
    }
}
