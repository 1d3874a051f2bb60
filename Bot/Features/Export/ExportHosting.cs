using BranchBot.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Features.Export;

/// <summary>The yearly export's services and its download endpoint, called by the composition root.</summary>
public static class ExportHosting
{
    public static IServiceCollection AddYearlyExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>();
        services.AddHttpContextAccessor();
        // The key ring lives in the data folder, beside the SQLite database, so links survive a restart; instances
        // that share a database must share this folder too (or one host's links do not read on another).
        services.AddDataProtection().SetApplicationName("BranchBot");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DatabaseOptions>, ILoggerFactory>((keys, database, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(database.Value.DataDirectory ?? AppContext.BaseDirectory, "keys")), loggers));
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<DownloadEndpoint>();
        return services;
    }

    public static WebApplication MapYearlyExport(this WebApplication app)
    {
        app.MapGet(DownloadLinks.Route + "{token}", (string token, HttpContext context, DownloadEndpoint endpoint) => endpoint.HandleAsync(token, context));
        return app;
    }
}
