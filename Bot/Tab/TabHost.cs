using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BranchBot.Bot.Tab;

/// <summary>
/// The tab's part of the host: the session cookie, Teams SSO token validation, antiforgery (both sealed with the host's
/// one Data Protection key ring, registered in the composition root), and the /tab endpoints. Pages live next to this file; <see cref="TabViewer"/> decides what each person sees.
/// </summary>
public static class TabHost
{
    public const string CookieScheme = "BranchBotTab";
    public const string SsoScheme = "TeamsSso";
    public const string ViewerPolicy = "TabViewer";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddTab(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TabOptions>().Bind(configuration.GetSection(TabOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TabOptions>, TabOptionsValidator>();

        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie = new TabCookieBuilder { Name = "branchbot.tab.csrf" };
        });

        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie = new TabCookieBuilder { Name = "branchbot.tab" };
                o.LoginPath = "/tab/signin";
                o.AccessDeniedPath = "/tab/signin";
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context =>
                {
                    // A script's request gets 401; a page goes to the sign-in page.
                    if (context.Request.Path.StartsWithSegments("/tab/api")) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    else context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            })
            .AddJwtBearer(SsoScheme, _ => { });
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureTabCookie>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureTeamsSso>();
        services.AddAuthorizationBuilder().AddPolicy(ViewerPolicy, p => p.AddAuthenticationSchemes(CookieScheme).RequireClaim(TabViewer.MemberClaim));
        return services;
    }

    public static WebApplication MapTab(this WebApplication app)
    {
        // Before any endpoint reads the form (the antiforgery check does): the roster upload's size bound.
        app.Use(RosterPage.BoundUploadAsync);
        app.MapGet("/tab/assets/{**path}", (string path, HttpContext context) => TabAssets.Serve(path, context)).AllowAnonymous();

        var open = app.MapGroup("/tab").AddEndpointFilter<AntiforgeryFilter>();
        TabSignIn.Map(open);

        var tab = app.MapGroup("/tab").RequireAuthorization(ViewerPolicy).AddEndpointFilter<AntiforgeryFilter>();
        TabPages.Map(tab);
        return app;
    }

    private sealed class ConfigureTabCookie(IOptions<TabOptions> options) : IConfigureNamedOptions<CookieAuthenticationOptions>
    {
        public void Configure(string? name, CookieAuthenticationOptions o)
        {
            if (name == CookieScheme) o.ExpireTimeSpan = options.Value.SessionLifetime;
        }

        public void Configure(CookieAuthenticationOptions o) => Configure(Options.DefaultName, o);
    }

    // The Entra token Teams hands the tab: signed by the tenant's keys, for this app, from the configured tenant, in date.
    private sealed class ConfigureTeamsSso(IOptions<TabOptions> options, IConfiguration configuration) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions o)
        {
            if (name != SsoScheme) return;
            var tab = options.Value;
            var appId = tab.EffectiveAppId(configuration);
            var tenant = tab.EffectiveTenantId(configuration);
            o.MapInboundClaims = false;
            o.MetadataAddress = tab.MetadataAddress is { Length: > 0 } metadata
                ? metadata
                : $"https://login.microsoftonline.com/{tenant ?? "common"}/v2.0/.well-known/openid-configuration";
            o.RequireHttpsMetadata = o.MetadataAddress.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                // v2.0 and v1.0 tokens of the one tenant.
                ValidIssuers = tenant is null ? [] : [$"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"],
                ValidateAudience = true,
                ValidAudiences = new[] { tab.AppIdUri, appId }.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).ToArray(),
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromMinutes(2),
            };
        }

        public void Configure(JwtBearerOptions o) => Configure(Options.DefaultName, o);
    }

    // Every POST under /tab carries the antiforgery token (a form field or the X-CSRF-TOKEN header); without it nothing runs.
    private sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired or did not come from this page; reload it and try again.");
            return await next(context);
        }
    }
}

/// <summary>
/// HTTP-only cookies. Inside Teams the tab is a frame of another site, where a browser sends a cookie only when it is
/// SameSite=None and Secure, so over HTTPS it is; over plain HTTP (local development) it is Lax, which browsers accept.
/// </summary>
internal sealed class TabCookieBuilder : CookieBuilder
{
    public TabCookieBuilder()
    {
        HttpOnly = true;
        IsEssential = true;
        Path = "/tab";
        SameSite = SameSiteMode.Lax;
        SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var cookie = base.Build(context, expiresFrom);
        if (context.Request.IsHttps)
        {
            cookie.SameSite = SameSiteMode.None;
            cookie.Secure = true;
        }
        return cookie;
    }
}
