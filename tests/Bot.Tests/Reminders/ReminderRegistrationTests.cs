using BranchBot.Bot.Delivery;
using BranchBot.Bot.Reminders;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tests.Reminders;

public sealed class ReminderRegistrationTests
{
    private static ServiceProvider Provider(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        BranchBot.Infrastructure.DependencyInjection.AddInfrastructure(services, configuration);
        services.AddBot(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Start_RegistersTheSevenJobsHourlyInTheBranchTimeZoneAndQueuesACatchUpRun()
    {
        await using var provider = Provider(new Dictionary<string, string?> { ["Branch:TimeZone"] = "America/New_York" });
        var schedule = provider.GetServices<IHostedService>().OfType<ReminderRegistration.ReminderSchedule>().Single();

        await schedule.StartAsync(CancellationToken.None);

        using var connection = provider.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().OrderBy(j => j.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(["committee-summary", "dues-reminders", "leader-summaries", "monthly-reminders", "overdue-notices", "probation-reminders", "quarterly-reminders"], jobs.Select(j => j.Id));
        Assert.All(jobs, j => Assert.Equal(("0 * * * *", "America/New_York", nameof(ReminderJob.RunNowAsync)), (j.Cron, j.TimeZoneId, j.Job.Method.Name)));
        Assert.Equal(ReminderRegistration.JobIds.Count, provider.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default"));
    }

    [Fact]
    public async Task AddReminders_Disabled_RegistersNoScheduleButKeepsTheJobsForTheCli()
    {
        await using var provider = Provider(new Dictionary<string, string?> { ["Reminders:Enabled"] = "false" });

        Assert.Empty(provider.GetServices<IHostedService>().OfType<ReminderRegistration.ReminderSchedule>());
        Assert.Equal(ReminderRegistration.JobIds, provider.CreateScope().ServiceProvider.GetServices<ReminderJob>().Select(j => j.Id));
    }

    [Theory]
    [InlineData("CatchUpDays", "0")]
    [InlineData("Dashboard:User", "admin")]
    public async Task Options_OutOfRange_FailNamingTheKey(string key, string value)
    {
        await using var provider = Provider(new Dictionary<string, string?> { ["Reminders:" + key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReminderOptions>>().Value);
        Assert.Contains("Reminders:" + key.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TenantMessagesPerSecond", "0")]
    [InlineData("MaxAttempts", "0")]
    [InlineData("ClaimLeaseSeconds", "0")]
    public async Task DeliveryOptions_OutOfRange_FailNamingTheKey(string key, string value)
    {
        await using var provider = Provider(new Dictionary<string, string?> { ["Delivery:" + key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        Assert.Contains("Delivery:" + key, error.Message, StringComparison.Ordinal);
    }
}
