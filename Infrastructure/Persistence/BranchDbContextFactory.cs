using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace BranchBot.Infrastructure.Persistence;

// Creates the provider's context from the validated options. Registered as the factory for the base type,
// so jobs and use cases never name a provider.
public sealed class BranchDbContextFactory : IDbContextFactory<BranchDbContext>
{
    internal const string DesignTimeSqlServer = "Server=localhost;Database=BranchBot;Integrated Security=true;TrustServerCertificate=true";
    internal const string DesignTimePostgres = "Host=localhost;Database=branchbot";

    private readonly Func<BranchDbContext> _create;

    // Every turn takes a context: options are built once and contexts are pooled, so a turn does not pay for
    // resolving EF's services (and looking its service provider up by options) again. Pooled contexts are
    // reset when disposed; ours keep no state of their own.
    public BranchDbContextFactory(IOptions<DatabaseOptions> options)
    {
        var connectionString = options.Value.EffectiveConnectionString;
        _create = options.Value.Provider switch
        {
            DatabaseProvider.Sqlite => new PooledDbContextFactory<SqliteBranchDbContext>(SqliteOptions(connectionString)).CreateDbContext,
            DatabaseProvider.SqlServer => new PooledDbContextFactory<SqlServerBranchDbContext>(SqlServerOptions(connectionString)).CreateDbContext,
            DatabaseProvider.Postgres => new PooledDbContextFactory<PostgresBranchDbContext>(PostgresOptions(connectionString)).CreateDbContext,
            var provider => throw new ArgumentOutOfRangeException(nameof(options), provider, "Unknown database provider."),
        };
    }

    public BranchDbContext CreateDbContext() => _create();

    public static BranchDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteBranchDbContext(SqliteOptions(connectionString)),
        DatabaseProvider.SqlServer => new SqlServerBranchDbContext(SqlServerOptions(connectionString)),
        DatabaseProvider.Postgres => new PostgresBranchDbContext(PostgresOptions(connectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    private static DbContextOptions<SqliteBranchDbContext> SqliteOptions(string connectionString) =>
        new DbContextOptionsBuilder<SqliteBranchDbContext>().UseSqlite(connectionString).AddInterceptors(SqliteWriteGate.Instance).Options;

    private static DbContextOptions<SqlServerBranchDbContext> SqlServerOptions(string connectionString) =>
        new DbContextOptionsBuilder<SqlServerBranchDbContext>().UseSqlServer(connectionString).Options;

    private static DbContextOptions<PostgresBranchDbContext> PostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgresBranchDbContext>().UseNpgsql(connectionString).Options;

    // A context for a provider without a server: enough to inspect the model or script migrations.
    public static BranchDbContext CreateOffline(DatabaseProvider provider) =>
        Create(provider, provider switch
        {
            DatabaseProvider.SqlServer => DesignTimeSqlServer,
            DatabaseProvider.Postgres => DesignTimePostgres,
            _ => "Data Source=:memory:",
        });
}
