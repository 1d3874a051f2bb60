using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace BranchBot.Bot.Tab;

/// <summary>
/// The tab's CSS, scripts and vendored libraries (Bot/wwwroot, embedded in the assembly, so the host serves them
/// offline and from any working directory) under /tab/assets/. Each URL carries the file's hash, so a page always
/// loads the version it was rendered with and the browser may keep it for a year.
/// </summary>
public static class TabAssets
{
    private const string Prefix = "BranchBot.wwwroot/";

    private sealed record Asset(byte[] Content, string ContentType, string Hash);

    private static readonly FrozenDictionary<string, Asset> All = Load();

    /// <summary>The URL of an asset by its path under wwwroot, e.g. <c>tab/tab.css</c>; throws for a file that does not ship.</summary>
    public static string Url(string path) =>
        All.TryGetValue(path, out var asset) ? $"/tab/assets/{path}?v={asset.Hash}" : throw new ArgumentException($"No asset wwwroot/{path} is embedded.", nameof(path));

    public static IResult Serve(string path, HttpContext context)
    {
        if (!All.TryGetValue(path, out var asset)) return Results.NotFound();
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            assets[path] = new Asset(bytes, ContentType(path), Convert.ToHexString(SHA256.HashData(bytes))[..12].ToLowerInvariant());
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
