using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BranchBot.Tests.Shared;

/// <summary>
/// The providers a persistence test runs on. SQLite always; PostgreSQL and SQL Server when a server is given by
/// <see cref="PostgresVariable"/> or <see cref="SqlServerVariable"/> (a connection string whose user may create
/// databases), else the test is reported as skipped with the reason. ./test.sh starts a PostgreSQL server and sets
/// its variable (scripts/postgres.sh); no SQL Server runs on the development machines.
/// </summary>
public static class TestProviders
{
    public const string PostgresVariable = "BRANCHBOT_TEST_POSTGRES";
    public const string SqlServerVariable = "BRANCHBOT_TEST_SQLSERVER";

    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer };

    /// <summary>The server's connection string, or a skip that says how to get one.</summary>
    public static string ServerConnectionString(DatabaseProvider provider)
    {
        var (variable, how) = provider switch
        {
            DatabaseProvider.Postgres => (PostgresVariable, "run ./test.sh, which starts a throwaway server (scripts/postgres.sh start <folder> prints its connection string)"),
            DatabaseProvider.SqlServer => (SqlServerVariable, "no SQL Server runs on the development machines"),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "SQLite needs no server."),
        };
        var value = Environment.GetEnvironmentVariable(variable);
        Skip.If(string.IsNullOrWhiteSpace(value), $"{provider} not configured: set {variable} to a connection string of a server where this user may create databases ({how}).");
        return value!;
    }
}

/// <summary>
/// A new database on the configured server, with every migration applied, dropped on dispose. Each test gets its
/// own: the first is migrated once per test process and later ones are copied from it (PostgreSQL's template),
/// so a test pays for CREATE DATABASE, not for the migrations.
/// </summary>
public sealed class ServerDatabase : IDisposable
{
    private static readonly Lock TemplateLock = new();
    private static readonly Dictionary<string, string> Templates = [];
    private readonly string _server;

    private ServerDatabase(DatabaseProvider provider, string server, string name, string connectionString)
    {
        Provider = provider;
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }
    public string Name { get; }
    public string ConnectionString { get; }

    public static ServerDatabase Create(DatabaseProvider provider)
    {
        var server = TestProviders.ServerConnectionString(provider);
        var name = "branchbot_test_" + Guid.NewGuid().ToString("N");
        if (provider == DatabaseProvider.Postgres)
        {
            var template = PostgresTemplate(server);
            Execute(provider, server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            return new ServerDatabase(provider, server, name, WithDatabase(provider, server, name));
        }
        Execute(provider, server, $"CREATE DATABASE [{name}]");
        var database = new ServerDatabase(provider, server, name, WithDatabase(provider, server, name));
        using (var db = BranchDbContextFactory.Create(provider, database.ConnectionString)) db.Database.Migrate();
        return database;
    }

    public void Dispose()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            using (var own = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(own);
            Execute(Provider, _server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
        else
        {
            using (var own = new SqlConnection(ConnectionString)) SqlConnection.ClearPool(own);
            Execute(Provider, _server, $"ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}]");
        }
    }

    private static string PostgresTemplate(string server)
    {
        lock (TemplateLock)
        {
            if (Templates.TryGetValue(server, out var existing)) return existing;
            var name = "branchbot_template_" + Guid.NewGuid().ToString("N");
            Execute(DatabaseProvider.Postgres, server, $"CREATE DATABASE \"{name}\"");
            using (var db = BranchDbContextFactory.Create(DatabaseProvider.Postgres, WithDatabase(DatabaseProvider.Postgres, server, name))) db.Database.Migrate();
            // A template must have no open connections when it is copied.
            using (var own = new NpgsqlConnection(WithDatabase(DatabaseProvider.Postgres, server, name))) NpgsqlConnection.ClearPool(own);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Execute(DatabaseProvider.Postgres, server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"); }
                catch (NpgsqlException) { } // the throwaway server may already be gone
            };
            Templates[server] = name;
            return name;
        }
    }

    private static string WithDatabase(DatabaseProvider provider, string server, string name) => provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString
        : new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;

    private static void Execute(DatabaseProvider provider, string server, string sql)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Pooling off: an idle pooled connection to the server's default database would outlive the test.
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
        else
        {
            using var connection = new SqlConnection(new SqlConnectionStringBuilder(server) { InitialCatalog = "master", Pooling = false }.ConnectionString);
            connection.Open();
            using var command = new SqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
