using System.Text.Json;

namespace BranchBot.Bot.Hosting;

internal enum ActivityVerdict
{
    Process,
    Ignore,
    Reject,
}

internal readonly record struct ActivityCheck(ActivityVerdict Verdict, int StatusCode, string? Reason, string? TenantId)
{
    public static ActivityCheck Process(string? tenantId) => new(ActivityVerdict.Process, StatusCodes.Status200OK, null, tenantId);
    public static ActivityCheck Ignore(string type) => new(ActivityVerdict.Ignore, StatusCodes.Status202Accepted, $"activity type '{type}' is not handled", null);
    public static ActivityCheck BadRequest(string reason) => new(ActivityVerdict.Reject, StatusCodes.Status400BadRequest, reason, null);
    public static ActivityCheck Forbidden(string? tenantId) => new(ActivityVerdict.Reject, StatusCodes.Status403Forbidden, "tenant not allowed", tenantId);
}

/// <summary>
/// Checks an inbound activity before the SDK sees it. The SDK answers some malformed activities with an
/// exception (a 500), so everything it dereferences unconditionally is required here, and every field it
/// deserializes into a typed property must have the JSON kind it expects.
/// </summary>
internal static class ActivityRequestValidator
{
    private const int MaxServiceUrlLength = 2048;

    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "message", "contactRelationUpdate", "conversationUpdate", "typing", "endOfConversation", "event", "invoke",
        "deleteUserData", "messageUpdate", "messageDelete", "installationUpdate", "messageReaction", "suggestion",
        "trace", "handoff", "command", "commandResult",
    };

    private static readonly string[] StringFields =
    [
        "id", "text", "locale", "replyToId", "textFormat", "name", "action", "summary", "speak", "inputHint",
        "attachmentLayout", "topicName", "deliveryMode", "importance", "callerId", "valueType", "label",
        "timestamp", "localTimestamp", "localTimezone", "expiration",
    ];

    private static readonly string[] ObjectFields = ["channelData", "relatesTo", "suggestedActions", "semanticAction"];

    private static readonly string[] ObjectArrayFields =
        ["membersAdded", "membersRemoved", "reactionsAdded", "reactionsRemoved", "attachments", "entities", "textHighlights"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static ActivityCheck Check(ReadOnlyMemory<byte> body, BotOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return ActivityCheck.BadRequest("body is not valid JSON");
        }

        using (document)
        {
            return Check(document.RootElement, options);
        }
    }

    private static ActivityCheck Check(JsonElement root, BotOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ActivityCheck.BadRequest("body must be a JSON object");
        }

        if (Properties(root) is not { } activity)
        {
            return ActivityCheck.BadRequest("duplicate property names");
        }

        if (RequiredString(activity, "type") is not { } type)
        {
            return ActivityCheck.BadRequest("'type' must be a non-empty string");
        }

        if (!KnownTypes.Contains(type))
        {
            return ActivityCheck.Ignore(type);
        }

        if (RequiredString(activity, "serviceUrl") is not { } serviceUrl || !IsHttpUrl(serviceUrl))
        {
            return ActivityCheck.BadRequest("'serviceUrl' must be an absolute http or https URL");
        }

        if (RequiredString(activity, "channelId") is null)
        {
            return ActivityCheck.BadRequest("'channelId' must be a non-empty string");
        }

        foreach (var account in (ReadOnlySpan<string>)["conversation", "from", "recipient"])
        {
            if (!activity.TryGetValue(account, out var value) || value.ValueKind != JsonValueKind.Object
                || Properties(value) is not { } accountProperties || RequiredString(accountProperties, "id") is null)
            {
                return ActivityCheck.BadRequest($"'{account}.id' must be a non-empty string");
            }
        }

        foreach (var field in StringFields)
        {
            if (activity.TryGetValue(field, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return ActivityCheck.BadRequest($"'{field}' must be a string");
            }
        }

        if (type is "message" or "invoke" && RequiredString(activity, "id") is null)
        {
            return ActivityCheck.BadRequest($"'id' is required for {type} activities");
        }

        foreach (var field in ObjectFields)
        {
            if (activity.TryGetValue(field, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return ActivityCheck.BadRequest($"'{field}' must be an object");
            }
        }

        foreach (var field in ObjectArrayFields)
        {
            if (activity.TryGetValue(field, out var value) && !IsArrayOfObjects(value))
            {
                return ActivityCheck.BadRequest($"'{field}' must be an array of objects");
            }
        }

        if (!TryGetTenant(activity, out var tenantId))
        {
            return ActivityCheck.BadRequest("tenant id must be a string");
        }

        return options.AllowsTenant(tenantId) ? ActivityCheck.Process(tenantId) : ActivityCheck.Forbidden(tenantId);
    }

    private static bool TryGetTenant(Dictionary<string, JsonElement> activity, out string? tenantId)
    {
        tenantId = null;
        if (activity.TryGetValue("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object)
        {
            if (Properties(channelData) is not { } channelDataProperties)
            {
                return false;
            }

            if (channelDataProperties.TryGetValue("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
                && !TryGetOptionalString(tenant, "id", out tenantId))
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(tenantId) && !TryGetOptionalString(activity["conversation"], "tenantId", out tenantId))
        {
            return false;
        }

        tenantId = string.IsNullOrEmpty(tenantId) ? null : tenantId;
        return true;
    }

    private static bool TryGetOptionalString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (Properties(element) is not { } properties)
        {
            return false;
        }

        if (!properties.TryGetValue(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return property.ValueKind == JsonValueKind.String;
    }

    /// <summary>
    /// The SDK deserializes with Newtonsoft, which matches property names case-insensitively, so a second
    /// "ServiceUrl" could otherwise replace the "serviceUrl" checked here. Duplicates (in any case) are refused.
    /// </summary>
    private static Dictionary<string, JsonElement>? Properties(JsonElement element)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                return null;
            }
        }

        return properties;
    }

    private static string? RequiredString(Dictionary<string, JsonElement> element, string name) =>
        element.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static bool IsHttpUrl(string value) =>
        value.Length <= MaxServiceUrlLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0
        && uri.Host.Length > 0;

    private static bool IsArrayOfObjects(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
        }

        return true;
    }
}
