using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Bot.Schema;
using Activity = System.Diagnostics.Activity;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BranchBot.Bot.Hosting;

/// <summary>
/// Section "Telemetry": OpenTelemetry traces and metrics, off unless <c>Enabled</c>. Exported over OTLP to
/// <c>OtlpEndpoint</c> (a collector's base address) and/or printed to the console (development).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public bool Enabled { get; set; }

    /// <summary>service.name of every span and metric; each process adds its own service.instance.id.</summary>
    public string ServiceName { get; set; } = "branchbot";

    /// <summary>e.g. http://collector:4317 (Grpc) or http://collector:4318 (HttpProtobuf; /v1/traces and /v1/metrics are appended).</summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    public bool Console { get; set; }

    public bool Traces { get; set; } = true;

    public bool Metrics { get; set; } = true;

    public int MetricsIntervalSeconds { get; set; } = 60;
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceName))
            problems.Add($"{TelemetryOptions.Section}:ServiceName must not be empty.");
        if (options.OtlpEndpoint is { } endpoint
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo)))
            problems.Add($"{TelemetryOptions.Section}:OtlpEndpoint must be an absolute http or https address without credentials, e.g. http://localhost:4317 (was '{endpoint}').");
        if (options.Enabled && options.OtlpEndpoint is null && !options.Console)
            problems.Add($"{TelemetryOptions.Section}:Enabled=true exports nowhere: set {TelemetryOptions.Section}:OtlpEndpoint or {TelemetryOptions.Section}:Console=true.");
        if (options.Enabled && !options.Traces && !options.Metrics)
            problems.Add($"{TelemetryOptions.Section}:Enabled=true with Traces=false and Metrics=false exports nothing.");
        if (options.MetricsIntervalSeconds is < 1 or > 3600)
            problems.Add($"{TelemetryOptions.Section}:MetricsIntervalSeconds must be between 1 and 3600 (was {options.MetricsIntervalSeconds}).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>
/// BranchBot's own <see cref="Meter"/> and <see cref="ActivitySource"/>, and every instrument on them. With no
/// listener (telemetry off) each call is a check of <c>Enabled</c> and nothing is allocated.
/// </summary>
public static class BranchBotTelemetry
{
    public const string Name = "BranchBot";

    public const string KindTag = "branchbot.turn.kind", VerbTag = "branchbot.turn.verb", OutcomeTag = "branchbot.turn.outcome";
    public const string ResultTag = "branchbot.send.result", StateTag = "branchbot.ledger.state", ResentTag = "branchbot.ledger.resent";

    private static readonly string? Version = typeof(BranchBotTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "branchbot.turns", "{turn}", "Messages, card submissions and card actions handled, by kind (text or card), verb and outcome (handled, refused, error).");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram(
        "branchbot.turn.duration", "s", "Time from the activity handler's start to the reply sent.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static readonly Counter<long> Sends = Meter.CreateCounter<long>(
        "branchbot.sends", "{message}", "Proactive sends and card updates, by result (sent, failed, unreachable, no_conversation).");

    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>(
        "branchbot.sends.throttled", "{response}", "429 answers from Teams (each one pauses the tenant for Retry-After).");

    public static readonly Counter<long> LedgerRows = Meter.CreateCounter<long>(
        "branchbot.ledger.rows", "{row}", "Reminder ledger rows claimed by this instance or completed by it, by state.");

    private static readonly object True = true, False = false;

    private static readonly HashSet<string> KnownVerbs = typeof(Verbs).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Null, allocating nothing, when nobody listens; otherwise disposed at the end of the turn, when it records.</summary>
    internal static TurnScope? StartTurn(IActivity activity) =>
        Turns.Enabled || TurnDuration.Enabled || Source.HasListeners() ? new TurnScope(activity) : null;

    internal static DeliveryOutcome Sent(DeliveryOutcome outcome, Activity? span)
    {
        var result = outcome.Result switch
        {
            DeliveryResult.Sent => "sent",
            DeliveryResult.Unreachable => "unreachable",
            DeliveryResult.NoConversation => "no_conversation",
            _ => "failed",
        };
        Sends.Add(1, new KeyValuePair<string, object?>(ResultTag, result));
        span?.SetTag(ResultTag, result).SetTag("branchbot.send.attempts", outcome.Attempts);
        return outcome;
    }

    internal static void Ledger(ReminderDeliveryStatus status, int rows = 1, bool resent = false)
    {
        if (rows == 0 || !LedgerRows.Enabled) return;
        var state = status switch
        {
            ReminderDeliveryStatus.Pending => "pending",
            ReminderDeliveryStatus.Claimed => "claimed",
            ReminderDeliveryStatus.Sent => "sent",
            ReminderDeliveryStatus.Failed => "failed",
            ReminderDeliveryStatus.Unreachable => "unreachable",
            ReminderDeliveryStatus.Skipped => "skipped",
            ReminderDeliveryStatus.NoConversation => "no_conversation",
            _ => "other",
        };
        LedgerRows.Add(rows, new KeyValuePair<string, object?>(StateTag, state), new KeyValuePair<string, object?>(ResentTag, resent ? True : False));
    }

    internal sealed class TurnScope : IDisposable
    {
        private readonly IActivity _activity;
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly Activity? _span = Source.StartActivity("BranchBot turn");
        private string _outcome = "error";

        public TurnScope(IActivity activity) => _activity = activity;

        public void Answered(Reply reply) => _outcome = reply is Reply.Refused ? "refused" : "handled";

        public void Refused() => _outcome = "refused";

        public void Dispose()
        {
            var (kind, verb) = Describe(_activity);
            var tags = new TagList { { KindTag, kind }, { VerbTag, verb }, { OutcomeTag, _outcome } };
            Turns.Add(1, tags);
            TurnDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
            if (_span is null) return;
            _span.SetTag(KindTag, kind).SetTag(VerbTag, verb).SetTag(OutcomeTag, _outcome);
            if (_outcome == "error") _span.SetStatus(ActivityStatusCode.Error);
            _span.Dispose();
        }

        // Card data is untrusted: a verb we do not know is "unknown", so nobody can grow the tag's values.
        private static (string Kind, string Verb) Describe(IActivity activity)
        {
            if (activity.Type == ActivityTypes.Message && activity.AsMessageActivity().Value is null)
                return ("text", Router.Match(activity.AsMessageActivity().Text)?.ToString() ?? "unknown");
            var verb = activity.TryReadCardData(out var data, out _) && KnownVerbs.Contains(data!.Verb) ? data.Verb : "unknown";
            return ("card", verb);
        }
    }
}

public static class TelemetryRegistration
{
    /// <summary>Options always (validated at start); the OpenTelemetry SDK only when Telemetry:Enabled is true.</summary>
    public static IServiceCollection AddBranchBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled || !new TelemetryOptionsValidator().Validate(null, options).Succeeded) return services;

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(options.ServiceName));
        if (options.Traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(BranchBotTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http");
                if (options.OtlpEndpoint is { } endpoint) tracing.AddOtlpExporter(otlp => Otlp(otlp, options, endpoint, "v1/traces"));
                if (options.Console) tracing.AddConsoleExporter();
            });
        }
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(BranchBotTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http");
                var interval = options.MetricsIntervalSeconds * 1000;
                if (options.OtlpEndpoint is { } endpoint)
                    metrics.AddOtlpExporter((otlp, reader) => { Otlp(otlp, options, endpoint, "v1/metrics"); reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval; });
                if (options.Console)
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
            });
        }
        return services;
    }

    // Set in code, the HTTP endpoint is used as given: the signal's path is ours to add.
    private static void Otlp(OtlpExporterOptions otlp, TelemetryOptions options, string endpoint, string signalPath)
    {
        otlp.Protocol = options.OtlpProtocol;
        otlp.Endpoint = options.OtlpProtocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.TrimEnd('/') + "/" + signalPath)
            : new Uri(endpoint);
    }
}
