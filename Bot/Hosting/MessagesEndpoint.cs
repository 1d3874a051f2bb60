using System.Buffers;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BranchBot.Bot.Hosting;

/// <summary>
/// POST /api/messages: buffers the body (bounded), checks it once with System.Text.Json, then hands the SDK
/// the same bytes as the request body. Answers: 413 over Bot:MaxRequestBytes; 400 {"error": reason} for
/// non-JSON or missing/mistyped fields; 202 for activity types the SDK does not know (ignored, no turn);
/// 403 for a tenant outside Bot:AllowedTenants (logged, no reply sent: we make no outbound call on behalf of
/// a tenant we do not serve); 401 from the SDK for a missing or unreadable token when MicrosoftAppId is set.
/// </summary>
internal sealed partial class MessagesEndpoint(
    CloudAdapter adapter, IBot bot, IOptions<BotOptions> options, ILogger<MessagesEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var maxBytes = options.Value.MaxRequestBytes;

        if (request.ContentLength > maxBytes)
        {
            await RefuseAsync(response, StatusCodes.Status413PayloadTooLarge, $"body exceeds {maxBytes} bytes");
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    await RefuseAsync(response, StatusCodes.Status413PayloadTooLarge, $"body exceeds {maxBytes} bytes");
                    return;
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var check = ActivityRequestValidator.Check(buffer.AsMemory(0, length), options.Value);
            if (check.Verdict == ActivityVerdict.Reject)
            {
                if (check.StatusCode == StatusCodes.Status403Forbidden)
                {
                    LogTenantRefused(check.TenantId ?? "(none)");
                }
                else
                {
                    LogRejected(check.StatusCode, check.Reason);
                }

                await RefuseAsync(response, check.StatusCode, check.Reason!);
                return;
            }

            if (check.Verdict == ActivityVerdict.Ignore)
            {
                response.StatusCode = check.StatusCode;
                return;
            }

            request.Body = new MemoryStream(buffer, 0, length, writable: false);
            await ProcessAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody is left to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ProcessAsync(HttpContext context)
    {
        try
        {
            // The adapter itself maps UnauthorizedAccessException (missing or invalid token) to 401.
            await adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted);
        }
        catch (Exception exception) when (!context.Response.HasStarted && exception is SecurityTokenException)
        {
            LogRejected(StatusCodes.Status401Unauthorized, exception.GetType().Name);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        catch (Exception exception) when (!context.Response.HasStarted
            && exception is ArgumentException or FormatException or Newtonsoft.Json.JsonException)
        {
            LogSdkRefused(exception);
            await RefuseAsync(context.Response, StatusCodes.Status400BadRequest, "activity could not be processed");
        }
    }

    private static Task RefuseAsync(HttpResponse response, int statusCode, string reason)
    {
        response.StatusCode = statusCode;
        return response.WriteAsJsonAsync(new Refusal(reason));
    }

    private sealed record Refusal(string Error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from tenant {TenantId}: not in Bot:AllowedTenants")]
    private partial void LogTenantRefused(string tenantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected /api/messages with {StatusCode}: {Reason}")]
    private partial void LogRejected(int statusCode, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SDK refused an activity that passed validation")]
    private partial void LogSdkRefused(Exception exception);
}
