using BranchBot.Bot.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class ClockOptionsTests
{
    private static readonly DateTimeOffset Chosen = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "BranchBot.Bot";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public void Validate_ChosenClockInProduction_IsRefusedNamingTheKey()
    {
        var result = new ClockOptionsValidator(new Environment("Production")).Validate(null, new ClockOptions { StartsAt = Chosen });

        Assert.StartsWith("Clock:StartsAt is a test and demo setting and is refused in Production", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Validate_ChosenClockOutsideProduction_Succeeds(string environment) =>
        Assert.True(new ClockOptionsValidator(new Environment(environment)).Validate(null, new ClockOptions { StartsAt = Chosen }).Succeeded);

    [Fact]
    public void Validate_NoChosenClockInProduction_Succeeds() =>
        Assert.True(new ClockOptionsValidator(new Environment("Production")).Validate(null, new ClockOptions()).Succeeded);

    [Fact]
    public void StartedClock_StartsAtTheChosenInstantAndRunsAtTheMachinesRate()
    {
        var machine = new FakeTimeProvider(new DateTimeOffset(2031, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new StartedClock(Chosen, machine);

        Assert.Equal(Chosen, clock.GetUtcNow());
        machine.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(Chosen.AddMinutes(90), clock.GetUtcNow());
    }

    [Fact]
    public void For_NoChosenClock_IsTheMachinesClock() =>
        Assert.Same(TimeProvider.System, StartedClock.For(new ClockOptions()));
}
