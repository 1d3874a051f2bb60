using System.Security.Cryptography;
using System.Text;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Hosting;
using BranchBot.Infrastructure;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Reminders;

/// <summary>The reminder jobs, their schedule and the Hangfire dashboard, registered in one place (called from <c>AddBot</c>).</summary>
public static class ReminderRegistration
{
    /// <summary>Every job runs hourly in the branch's time zone; each decides from the ledger what is due, so an hour is the latest a step goes out.</summary>
    public const string Cron = "0 * * * *";

    public static readonly IReadOnlyList<string> JobIds =
        [MonthlyRemindersJob.JobId, QuarterlyRemindersJob.JobId, OverdueNoticesJob.JobId, LeaderSummariesJob.JobId, CommitteeSummaryJob.JobId, ProbationRemindersJob.JobId,
         DuesRemindersJob.JobId];

    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();

        services.TryAddSingleton<JobServerIdentity>();
        services.AddSingleton<ReminderDispatcher>();
        AddJob<MonthlyRemindersJob>(services);
        AddJob<QuarterlyRemindersJob>(services);
        AddJob<OverdueNoticesJob>(services);
        AddJob<LeaderSummariesJob>(services);
        AddJob<CommitteeSummaryJob>(services);
        AddJob<ProbationRemindersJob>(services);
        AddJob<DuesRemindersJob>(services);

        services.AddHangfire((sp, hangfire) =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
                .UseLogProvider(new DisposalSafeLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>())));
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.Provider == DatabaseProvider.SqlServer) hangfire.UseSqlServerStorage(database.EffectiveConnectionString);
            else if (database.Provider == DatabaseProvider.Postgres) hangfire.UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(database.EffectiveConnectionString));
            else hangfire.UseInMemoryStorage();
        });
        if (configuration.GetValue(ReminderOptions.Section + ":" + nameof(ReminderOptions.Enabled), true))
        {
            services.AddHangfireServer((sp, server) => { server.WorkerCount = 2; server.ServerName = sp.GetRequiredService<JobServerIdentity>().ServerName; });
            services.AddHostedService<ReminderSchedule>();
        }
        return services;
    }

    private static void AddJob<TJob>(IServiceCollection services) where TJob : ReminderJob
    {
        services.AddScoped<TJob>();
        services.AddScoped<ReminderJob>(sp => sp.GetRequiredService<TJob>());
    }

    /// <summary>/hangfire: in Development from this machine only; elsewhere only with Reminders:Dashboard:User and :Password (HTTP Basic).</summary>
    public static WebApplication MapReminders(this WebApplication app)
    {
        var dashboard = app.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.Dashboard;
        IDashboardAuthorizationFilter? filter = app.Environment.IsDevelopment()
            ? new LocalRequestsOnlyAuthorizationFilter()
            : dashboard.HasCredentials ? new BasicAuthorizationFilter(dashboard.User!, dashboard.Password!) : null;
        if (filter is not null)
            app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [filter], DisplayStorageConnectionString = false });
        return app;
    }

    /// <summary>Registers the recurring jobs with their stable ids, then runs each once to make up for time the app was down.</summary>
    internal sealed class ReminderSchedule(IRecurringJobManager recurring, IOptions<BranchOptions> branch, IOptions<ReminderOptions> options, ILogger<ReminderSchedule> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Also checked here, at run time: test hosts add configuration after services are registered.
            if (!options.Value.Enabled)
            {
                logger.LogInformation("Reminders are disabled (Reminders:Enabled=false): no recurring jobs registered.");
                return Task.CompletedTask;
            }
            var zone = new RecurringJobOptions { TimeZone = branch.Value.ResolveTimeZone() };
            recurring.AddOrUpdate<MonthlyRemindersJob>(MonthlyRemindersJob.JobId, j => j.RunNowAsync(CancellationToken.None), Cron, zone);
            recurring.AddOrUpdate<QuarterlyRemindersJob>(QuarterlyRemindersJob.JobId, j => j.RunNowAsync(CancellationToken.None), Cron, zone);
            recurring.AddOrUpdate<OverdueNoticesJob>(OverdueNoticesJob.JobId, j => j.RunNowAsync(CancellationToken.None), Cron, zone);
            recurring.AddOrUpdate<LeaderSummariesJob>(LeaderSummariesJob.JobId, j => j.RunNowAsync(CancellationToken.None), Cron, zone);
            recurring.AddOrUpdate<CommitteeSummaryJob>(CommitteeSummaryJob.JobId, j => j.RunNowAsync(CancellationToken.None), Cron, zone);
            recurring.AddOrUpdate<ProbationRemindersJob>(ProbationRemindersJob.JobId, j => j.RunNowAsync(CancellationToken.None), Cron, zone);
            recurring.AddOrUpdate<DuesRemindersJob>(DuesRemindersJob.JobId, j => j.RunNowAsync(CancellationToken.None), Cron, zone);
            if (options.Value.CatchUpOnStart)
            {
                // The ledger knows what was sent; a run now sends only the latest missed step of each reminder.
                foreach (var id in JobIds) recurring.Trigger(id);
                logger.LogInformation("Reminder jobs registered ({Cron}, {TimeZone}); catch-up runs queued.", Cron, branch.Value.TimeZone);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class BasicAuthorizationFilter(string user, string password) : IDashboardAuthorizationFilter
    {
        private readonly byte[] _expected = Encoding.UTF8.GetBytes($"{user}:{password}");

        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var header = http.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    var given = Convert.FromBase64String(header["Basic ".Length..].Trim());
                    if (CryptographicOperations.FixedTimeEquals(given, _expected)) return true;
                }
                catch (FormatException) { }
            }
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"BranchBot jobs\", charset=\"UTF-8\"";
            return false;
        }
    }
}
