using BranchBot.Bot.Cli;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Features.Roster;

/// <summary>What scripts/try-it.sh hands the Agents Playground: the demo branch's own people, one per role.</summary>
public sealed class PlaygroundConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("branchbot-playground-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private ServiceProvider Services() => new ServiceCollection()
        .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero)))
        .AddInfrastructure(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = Path.Combine(_folder, "data") })
            .Build())
        .BuildServiceProvider();

    private static async Task<int?> RunAsync(ServiceProvider services, params string[] args) =>
        await Cli.Cli.TryRunAsync(args, services, new StringWriter(), new StringWriter(), CancellationToken.None);

    [Fact]
    public async Task PeopleAsync_DemoBranch_FourDifferentPeopleInTheirRoles()
    {
        await using var services = Services();
        Assert.Equal(0, await RunAsync(services, "demo"));
        await using var db = services.GetRequiredService<BranchDbContext>();

        var people = await PlaygroundConfig.PeopleAsync(db, CancellationToken.None);

        Assert.NotNull(people);
        Assert.Equal([.. PlaygroundConfig.Roles, PlaygroundConfig.OtherRole, PlaygroundConfig.OtherRole], people.Select(p => p.Role));
        Assert.Equal(6, people.Select(p => p.Member.Id).Distinct().Count());
        var (leader, student, mentor, secretary) = (people[0].Member, people[1].Member, people[2].Member, people[3].Member);
        Assert.True(leader.IsGroupLeader);
        Assert.Equal((Domain.Stage.Activist, leader.GroupId), (student.Stage, student.GroupId));
        Assert.Contains(student.Mentors, a => a.MentorId == mentor.Id);
        Assert.True(secretary.Roles.HasFlag(Domain.Roles.Secretary));
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("student")]
    [InlineData("mentor")]
    [InlineData("secretary")]
    public async Task TryRunAsync_DemoPlayground_CurrentUserIsTheRolesRosterPersonWithTheSameIdsInEveryRun(string role)
    {
        await using var services = Services();
        await RunAsync(services, "demo");
        var file = Path.Combine(_folder, "playground.yml");

        var code = await RunAsync(services, "demo", "playground", role, file);

        Assert.Equal(0, code);
        await using var db = services.GetRequiredService<BranchDbContext>();
        var people = (await PlaygroundConfig.PeopleAsync(db, CancellationToken.None))!;
        var me = people.Single(p => p.Role == role).Member;
        var yaml = await File.ReadAllTextAsync(file);
        var current = yaml[yaml.IndexOf("currentUser:", StringComparison.Ordinal)..yaml.IndexOf("users:", StringComparison.Ordinal)];
        Assert.Contains($"name: \"{me.Name}\"", current, StringComparison.Ordinal);
        Assert.Contains($"email: \"{me.Email}\"", current, StringComparison.Ordinal);
        Assert.Contains($"userPrincipleName: \"{me.Email}\"", current, StringComparison.Ordinal);
        Assert.Contains($"aadObjectId: \"{PlaygroundConfig.AadObjectIdOf(me.StudentNumber)}\"", current, StringComparison.Ordinal);
        // Everyone appears once, each with their own ids, so switching roles between runs never swaps identities.
        foreach (var person in people)
        {
            Assert.Single(Occurrences(yaml, $"aadObjectId: \"{person.AadObjectId}\""));
            Assert.Single(Occurrences(yaml, $"email: \"{person.Member.Email}\""));
        }
        Assert.Equal(6, people.Select(p => p.AadObjectId).Distinct().Count());
        // The Playground refuses a configuration with fewer than five other users.
        Assert.Equal(5, Occurrences(yaml[yaml.IndexOf("users:", StringComparison.Ordinal)..], "\n  - id: ").Count());
        Assert.True(Guid.TryParse(people[0].AadObjectId, out _));
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("")]
    public async Task TryRunAsync_DemoPlaygroundUnknownRole_PrintsTheUsageAndExitsTwo(string role)
    {
        await using var services = Services();

        Assert.Equal(2, await RunAsync(services, "demo", "playground", role, Path.Combine(_folder, "p.yml")));
        Assert.False(File.Exists(Path.Combine(_folder, "p.yml")));
    }

    [Fact]
    public async Task TryRunAsync_DemoPlaygroundOnAnEmptyDatabase_SaysWhyAndWritesNothing()
    {
        await using var services = Services();
        var error = new StringWriter();

        var code = await Cli.Cli.TryRunAsync(["demo", "playground", "leader", Path.Combine(_folder, "p.yml")], services, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("Load the demo branch first", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "p.yml")));
        await using var db = services.GetRequiredService<BranchDbContext>();
        Assert.Equal(0, await db.Members.CountAsync());
    }

    [Fact]
    public async Task TryRunAsync_DemoInEnglish_CountsWithoutHedgedPlurals()
    {
        await using var services = Services();
        var output = new StringWriter();

        await Cli.Cli.TryRunAsync(["demo", "--lang", "en"], services, output, new StringWriter(), CancellationToken.None);

        Assert.StartsWith("Demo branch loaded: 60 people in 5 groups;", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 excuse, 2 extensions", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", output.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<int> Occurrences(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) yield return i;
    }
}
