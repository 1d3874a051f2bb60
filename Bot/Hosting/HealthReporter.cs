namespace BranchBot.Bot.Hosting;

public sealed record ComponentHealth(bool Healthy, string State);

/// <summary>What /healthz says about the database. Infrastructure registers the real one.</summary>
public interface IHealthReporter
{
    Task<ComponentHealth> CheckDatabaseAsync(CancellationToken cancellationToken);
}

internal sealed class NotConfiguredHealthReporter : IHealthReporter
{
    private static readonly Task<ComponentHealth> NotConfigured = Task.FromResult(new ComponentHealth(true, "not configured"));

    public Task<ComponentHealth> CheckDatabaseAsync(CancellationToken cancellationToken) => NotConfigured;
}
