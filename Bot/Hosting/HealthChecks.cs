using System.Text.Json;
using BranchBot.Bot.Reminders;
using BranchBot.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Hosting;

/// <summary>
/// ASP.NET Core health checks for a load balancer: /health/live (the process answers, no check runs) and
/// /health/ready (the database answers with no migration pending, and this process's delivery worker is running).
/// /healthz, older, answers the readiness checks in its own shape.
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

    public static IServiceCollection AddBranchBotHealthChecks(this IServiceCollection services)
    {
        services.TryAddSingleton<JobServerIdentity>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<JobServerHealthCheck>("delivery", tags: [Ready]);
        return services;
    }

    public static WebApplication MapBranchBotHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        app.MapGet("/healthz", async (HealthCheckService health, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckHealthAsync(c => c.Tags.Contains(Ready), cancellationToken);
            var healthy = report.Status == HealthStatus.Healthy;
            return Results.Json(
                new { status = healthy ? "ok" : "unhealthy", database = report.Entries["database"].Description },
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    // The reason goes with the status, so whoever sees a 503 knows which part failed without opening the logs.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}

/// <summary>The database answers and lacks no migration (a pending one means this build expects a newer schema).</summary>
internal sealed class DatabaseHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await services.CheckDatabaseAsync(cancellationToken);
        var state = $"{health.Provider}: " + (health.CanConnect
            ? health.PendingMigrations is 0 or null ? "ready" : $"{health.PendingMigrations} migration(s) pending"
            : "unreachable");
        return health.CanConnect && health.PendingMigrations is 0 or null ? HealthCheckResult.Healthy(state) : HealthCheckResult.Unhealthy(state);
    }
}

/// <summary>The name this process's Hangfire server announces, so that readiness finds its own among all the servers sharing the storage.</summary>
public sealed class JobServerIdentity
{
    public string ServerName { get; } = $"branchbot-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
}

/// <summary>Reminders are on, so this process's Hangfire server must be announced in the job storage and heartbeating.</summary>
internal sealed class JobServerHealthCheck(IServiceProvider services, JobServerIdentity jobServer, IOptions<ReminderOptions> reminders) : IHealthCheck
{
    // Hangfire beats every 30 s by default; two missed beats and the server is taken for stuck.
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(75);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!reminders.Value.Enabled)
            return Task.FromResult(HealthCheckResult.Healthy("disabled (Reminders:Enabled=false): this instance sends nothing on its own"));
        var server = services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers()
            .FirstOrDefault(s => s.Name.StartsWith(jobServer.ServerName, StringComparison.OrdinalIgnoreCase));
        if (server is null)
            return Task.FromResult(HealthCheckResult.Unhealthy("not running: this process's job server is not announced in the job storage"));
        // Hangfire stamps heartbeats with the real clock, whatever clock the branch runs on.
        var age = DateTime.UtcNow - (server.Heartbeat ?? server.StartedAt);
        return Task.FromResult(age > Stale
            ? HealthCheckResult.Unhealthy($"stuck: last heartbeat {age.TotalSeconds:0} s ago")
            : HealthCheckResult.Healthy($"running ({server.WorkersCount} workers)"));
    }
}
