using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Features.Export;

/// <summary>
/// Section "Export". <c>PublicBaseUrl</c>: the bot's address as people's browsers reach it (the messaging endpoint's
/// host, e.g. <c>https://branchbot.example.edu</c>); unset, the link uses the address the Teams activity came in on.
/// <c>LinkMinutes</c>: how long a download link works.
/// </summary>
public sealed class ExportOptions
{
    public const string Section = "Export";
    public const int MaxLinkMinutes = 24 * 60;

    public string? PublicBaseUrl { get; set; }

    public int LinkMinutes { get; set; } = 30;
}

internal sealed class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            failures.Add($"{ExportOptions.Section}:PublicBaseUrl must be an absolute http or https address (was '{options.PublicBaseUrl}').");
        if (options.LinkMinutes is < 1 or > ExportOptions.MaxLinkMinutes)
            failures.Add($"{ExportOptions.Section}:LinkMinutes must be between 1 and {ExportOptions.MaxLinkMinutes} (was {options.LinkMinutes}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
