using BranchBot.Bot;
using BranchBot.Bot.Cli;
using BranchBot.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = BranchBot.Bot.DependencyInjection.ContentRoot(args) });
Cli.QuietConsoleLogging(args, builder.Configuration);
builder.WebHost.UseDefaultUrl(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddBot(builder.Configuration);

var app = builder.Build();
if (await Cli.TryRunAsync(args, app.Services, CancellationToken.None) is { } exitCode)
{
    return exitCode;
}

await app.Services.MigrateDatabaseAsync(CancellationToken.None);
app.MapBot();
await app.RunAsync();
return 0;

public partial class Program;
