namespace BranchBot.Bot.Hosting;

public sealed record ComponentHealth(bool Healthy, string State);

/// <summary>What /healthz says about the database.</summary>
public interface IHealthReporter
{
    Task<ComponentHealth> CheckDatabaseAsync(CancellationToken cancellationToken);
}
