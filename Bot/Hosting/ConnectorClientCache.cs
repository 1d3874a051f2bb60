using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Rest;
using Microsoft.Rest.Serialization;

namespace BranchBot.Bot.Hosting;

/// <summary>
/// Keeps one <see cref="ConnectorClient"/> per (app id, audience, serviceUrl) for the life of the process.
/// The SDK builds a fresh client per turn, and each fresh client brings fresh Newtonsoft contract resolvers,
/// so every reply rebuilt and re-JITted its serialization contracts (about 10 ms of CPU per turn).
/// </summary>
public sealed class ConnectorClientCache : IDisposable
{
    public const int DefaultCapacity = 64;

    /// <summary>The one contract resolver every connector client in the process serializes with.</summary>
    public static readonly ReadOnlyJsonContractResolver SharedContractResolver = new();

    private readonly ConcurrentDictionary<(string AppId, string Audience, string ServiceUrl), CachedConnectorClient> _clients = new();
    private readonly SocketsHttpHandler _handler = new()
    {
        // Cached clients live for the process; recycling pooled connections keeps DNS changes visible.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    };
    private readonly int _capacity;

    public ConnectorClientCache(int capacity = DefaultCapacity) => _capacity = capacity;

    public int Count => _clients.Count;

    internal async Task<IConnectorClient> GetOrCreateAsync(
        ConnectorFactory inner, string appId, string serviceUrl, string? audience, string cacheAudience, CancellationToken cancellationToken)
    {
        var key = (appId, cacheAudience, serviceUrl);
        if (_clients.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // The SDK's factory knows which credentials fit this cloud and audience; borrow them, then drop its client.
        var template = await inner.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
        if (template is not ConnectorClient { Credentials: { } credentials } || _clients.Count >= _capacity)
        {
            UseSharedSerialization(template);
            return template;
        }

        template.Dispose();
#pragma warning disable CA2000 // owned by the cache, disposed in Dispose()
        var created = new CachedConnectorClient(new Uri(serviceUrl), credentials, new HttpClient(_handler, disposeHandler: false));
#pragma warning restore CA2000
        if (_clients.TryAdd(key, created))
        {
            return created;
        }

        created.Release();
        return _clients[key];
    }

    internal static void UseSharedSerialization(IConnectorClient client)
    {
        if (client is ConnectorClient connectorClient)
        {
            connectorClient.SerializationSettings.ContractResolver = SharedContractResolver;
            connectorClient.DeserializationSettings.ContractResolver = SharedContractResolver;
        }
    }

    internal static string AppIdOf(ClaimsIdentity? identity)
    {
        // Same lookup as the SDK: channel tokens carry the bot's id as audience, emulator tokens as appid.
        var claim = identity?.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AudienceClaim)
            ?? identity?.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AppIdClaim);
        return claim?.Value ?? string.Empty;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Release();
        }

        _clients.Clear();
        _handler.Dispose();
    }

    /// <summary>The adapter disposes the turn's client when the turn ends; a cached one must survive that.</summary>
    private sealed class CachedConnectorClient : ConnectorClient
    {
        private bool _released;

        public CachedConnectorClient(Uri baseUri, ServiceClientCredentials credentials, HttpClient httpClient)
            : base(baseUri, credentials, httpClient, disposeHttpClient: true)
        {
            UseSharedSerialization(this);
        }

        public void Release()
        {
            _released = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (_released)
            {
                base.Dispose(disposing);
            }
        }
    }
}
