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
