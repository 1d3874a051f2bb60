using System.Globalization;
using System.Net;
using Microsoft.Bot.Schema;

namespace BranchBot.Bot.Delivery;

internal enum FailureKind
{
    /// <summary>Throttled, precondition failed, gateway errors, timeouts, broken connections: try again later.</summary>
    Transient,
    /// <summary>Teams says this person cannot be messaged (blocked, not installed, conversation gone).</summary>
    Unreachable,
    /// <summary>Anything else (400, 401, 413, ...): retrying would not help.</summary>
    Permanent,
}

internal readonly record struct Failure(FailureKind Kind, string Reason, TimeSpan? RetryAfter = null);

/// <summary>Reads the SDK's <see cref="ErrorResponseException"/> the way Teams documents its status and error codes.</summary>
internal static class TeamsErrors
{
    public static Failure Classify(Exception exception, bool timedOut) => exception switch
    {
        ErrorResponseException e => Classify(e),
        _ when timedOut => new(FailureKind.Transient, "Timeout"),
        HttpRequestException e => new(FailureKind.Transient, "HttpRequestException: " + e.Message),
        _ => new(FailureKind.Permanent, exception.GetType().Name + ": " + exception.Message),
    };

    private static Failure Classify(ErrorResponseException e)
    {
        var status = e.Response?.StatusCode ?? 0;
        var code = e.Body?.Error?.Code;
        var content = e.Response?.Content ?? "";
        // subCode is not in the SDK's Error model: read it from the raw body.
        var subCode = content.Contains("MessageWritesBlocked", StringComparison.Ordinal) ? "MessageWritesBlocked" : null;
        var reason = subCode ?? (string.IsNullOrEmpty(code) ? ((int)status).ToString(CultureInfo.InvariantCulture) : code);
        return (int)status switch
        {
            429 => new(FailureKind.Transient, "429 " + reason, RetryAfter(e)),
            412 or 502 or 503 or 504 => new(FailureKind.Transient, (int)status + " " + reason),
            403 or 404 => new(FailureKind.Unreachable, reason),
            _ => new(FailureKind.Permanent, (int)status + " " + reason + Excerpt(e.Body?.Error?.Message)),
        };
    }

    private static TimeSpan? RetryAfter(ErrorResponseException e)
    {
        if (e.Response?.Headers is not { } headers) return null;
        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Max(at - DateTimeOffset.UtcNow, TimeSpan.Zero)
            : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Excerpt(string? message) =>
        string.IsNullOrEmpty(message) ? "" : ": " + (message.Length > 200 ? message[..200] : message);

    public static bool IsStatus(Exception exception, HttpStatusCode status) =>
        exception is ErrorResponseException { Response.StatusCode: var s } && s == status;
}
