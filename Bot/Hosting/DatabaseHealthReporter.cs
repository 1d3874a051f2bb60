using BranchBot.Infrastructure;

namespace BranchBot.Bot.Hosting;

/// <summary>/healthz's view of the database: provider, reachable, migrations pending.</summary>
internal sealed class DatabaseHealthReporter(IServiceProvider services) : IHealthReporter
{
    public async Task<ComponentHealth> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        var health = await services.CheckDatabaseAsync(cancellationToken);
        var state = $"{health.Provider}: " + (health.CanConnect
            ? health.PendingMigrations is 0 or null ? "ready" : $"{health.PendingMigrations} migration(s) pending"
            : "unreachable");
        return new ComponentHealth(health.CanConnect && health.PendingMigrations is 0 or null, state);
    }
}
