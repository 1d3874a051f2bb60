using BranchBot.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

// A migrated SQLite file in its own temporary folder, deleted on dispose.
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConnectionString = $"Data Source={Path.Combine(Directory, "test.db")};Pooling=False";
        using var db = NewContext();
        db.Database.Migrate();
    }

    public string Directory { get; }
    public string ConnectionString { get; }

    public BranchDbContext NewContext() => BranchDbContextFactory.Create(DatabaseProvider.Sqlite, ConnectionString);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { } // a leftover temp folder is harmless
    }
}
