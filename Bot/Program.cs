using BranchBot.Bot;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseDefaultUrl(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddBot(builder.Configuration);
// builder.Services.AddInfrastructure(builder.Configuration);  (wired by the lead)

var app = builder.Build();
// if (await BranchBot.Bot.Cli.Cli.TryRunAsync(args, app.Services, ct)) return;  (wired by the lead)
app.MapBot();
app.Run();
