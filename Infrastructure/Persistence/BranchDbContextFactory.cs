using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Infrastructure.Persistence;

// Creates the provider's context from the validated options. Registered as the factory for the base type,
// so jobs and use cases never name a provider.
public sealed class BranchDbContextFactory : IDbContextFactory<BranchDbContext>
{
    internal const string DesignTimeSqlServer = "Server=localhost;Database=BranchBot;Integrated Security=true;TrustServerCertificate=true";

    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;

    public BranchDbContextFactory(IOptions<DatabaseOptions> options)
    {
        _provider = options.Value.Provider;
        _connectionString = options.Value.EffectiveConnectionString;
    }

    public BranchDbContext CreateDbContext() => Create(_provider, _connectionString);

    public static BranchDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteBranchDbContext(
            new DbContextOptionsBuilder<SqliteBranchDbContext>().UseSqlite(connectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerBranchDbContext(
            new DbContextOptionsBuilder<SqlServerBranchDbContext>().UseSqlServer(connectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    // A context for a provider without a server: enough to inspect the model or script migrations.
    public static BranchDbContext CreateOffline(DatabaseProvider provider) =>
        Create(provider, provider == DatabaseProvider.SqlServer ? DesignTimeSqlServer : "Data Source=:memory:");
}
