using BranchBot.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

// A migrated database deleted on dispose: a SQLite file in its own temporary folder, or a new database on the
// configured PostgreSQL or SQL Server (skipped, saying why, when none is configured).
public sealed class TestDatabase : IDisposable
{
    private readonly ServerDatabase? _server;

    public TestDatabase() : this(DatabaseProvider.Sqlite) { }

    public TestDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        Directory = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));
        if (provider != DatabaseProvider.Sqlite)
        {
            _server = ServerDatabase.Create(provider);
            ConnectionString = _server.ConnectionString;
            return;
        }
        System.IO.Directory.CreateDirectory(Directory);
        ConnectionString = $"Data Source={Path.Combine(Directory, "test.db")};Pooling=False";
        using var db = NewContext();
        db.Database.Migrate();
    }

    public DatabaseProvider Provider { get; }
    public string Directory { get; }
    public string ConnectionString { get; }

    public BranchDbContext NewContext() => BranchDbContextFactory.Create(Provider, ConnectionString);

    public void Dispose()
    {
        if (_server is not null)
        {
            _server.Dispose();
            return;
        }
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { } // a leftover temp folder is harmless
    }
}
