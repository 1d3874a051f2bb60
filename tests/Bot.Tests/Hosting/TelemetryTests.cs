using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Bot.Tests.Delivery;
using BranchBot.Bot.Tests.Reminders;
using BranchBot.Bot.Tests.Support;
using BranchBot.Domain;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BranchBot.Bot.Tests.Hosting;

// BranchBot's Meter and ActivitySource are process-wide: these tests run alone, so that what they record is their own.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private static readonly DateTimeOffset Now = ConversationTestBed.DefaultNow;

    [Fact]
    public async Task Turn_TypedCommandFromMember_CountsAHandledTextTurnWithItsCommand()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        using var recorded = new Recorder();
        using var spans = new SpanRecorder();

        await bed.SayAsync(ConversationTestBed.Student, "help");

        var turn = Assert.Single(recorded.Of("branchbot.turns"));
        Assert.Equal(1, turn.Value);
        Assert.Equal(("text", "Help", "handled"), (turn.Tags[BranchBotTelemetry.KindTag], turn.Tags[BranchBotTelemetry.VerbTag], turn.Tags[BranchBotTelemetry.OutcomeTag]));
        var duration = Assert.Single(recorded.Of("branchbot.turn.duration"));
        Assert.InRange(duration.Value, 0, 60);
        Assert.Equal("handled", duration.Tags[BranchBotTelemetry.OutcomeTag]);
        var span = Assert.Single(spans.Stopped, s => s.OperationName == "BranchBot turn");
        Assert.Equal("Help", span.GetTagItem(BranchBotTelemetry.VerbTag));
    }

    [Fact]
    public async Task Turn_CardWithAVerbNobodyKnows_CountsARefusedCardTurnAsUnknown()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        using var recorded = new Recorder();

        await bed.SubmitAsync(ConversationTestBed.Student, null, new JsonObject { ["verb"] = "drop.tables" });

        var turn = Assert.Single(recorded.Of("branchbot.turns"));
        Assert.Equal(("card", "unknown", "refused"), (turn.Tags[BranchBotTelemetry.KindTag], turn.Tags[BranchBotTelemetry.VerbTag], turn.Tags[BranchBotTelemetry.OutcomeTag]));
    }

    [Fact]
    public async Task Turn_CardActionFromStranger_CountsARefusedCardTurnWithItsVerb()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        using var recorded = new Recorder();

        await bed.InvokeAsync(ConversationTestBed.Stranger, null, new JsonObject { ["verb"] = "status.show" });

        var turn = Assert.Single(recorded.Of("branchbot.turns"));
        Assert.Equal(("card", "status.show", "refused"), (turn.Tags[BranchBotTelemetry.KindTag], turn.Tags[BranchBotTelemetry.VerbTag], turn.Tags[BranchBotTelemetry.OutcomeTag]));
    }

    [Fact]
    public async Task Send_ThrottledOnceThenSent_CountsTheThrottleTheSendAndTheLedgerStates()
    {
        await using var h = await ReminderHarness.StartAsync();
        h.Connector.Answer = (_, n) => n == 1 ? new ConnectorAnswer(429, "Throttled", RetryAfter: "0") : null;
        await new BranchBuilder(h).MemberAsync("A1", Stage.Activist, teams: true);
        using var recorded = new Recorder();
        using var spans = new SpanRecorder();

        await h.RunAsync(MonthlyRemindersJob.JobId, h.Local(2026, 11, 23, 9, 0));

        Assert.Equal(1, Assert.Single(recorded.Of("branchbot.sends.throttled")).Value);
        var send = Assert.Single(recorded.Of("branchbot.sends"));
        Assert.Equal("sent", send.Tags[BranchBotTelemetry.ResultTag]);
        Assert.Equal(
            [("claimed", 1.0), ("sent", 1.0)],
            recorded.Of("branchbot.ledger.rows").Select(m => ((string)m.Tags[BranchBotTelemetry.StateTag]!, m.Value)).Order());
        Assert.All(recorded.Of("branchbot.ledger.rows"), m => Assert.Equal(false, m.Tags[BranchBotTelemetry.ResentTag]));
        var span = Assert.Single(spans.Stopped, s => s.OperationName == "BranchBot send");
        Assert.Equal(("sent", 2), (span.GetTagItem(BranchBotTelemetry.ResultTag), span.GetTagItem("branchbot.send.attempts")));
    }

    [Fact]
    public void Instruments_NobodyListening_AllocateNothing()
    {
        var activity = (IActivity)new Microsoft.Bot.Schema.Activity(ActivityTypes.Message, text: "help");
        var outcome = new DeliveryOutcome(DeliveryResult.Sent, "a-1", null, 1);
        Measure(); // the first call initialises the statics and JIT-compiles

        var allocated = Measure();

        Assert.Equal(0, allocated);

        long Measure()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                using (var turn = BranchBotTelemetry.StartTurn(activity)) turn?.Refused();
                BranchBotTelemetry.Sent(outcome, null);
                BranchBotTelemetry.Throttled.Add(1);
                BranchBotTelemetry.Ledger(BranchBot.Infrastructure.Persistence.ReminderDeliveryStatus.Sent, resent: true);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    [Fact]
    public async Task AddBranchBotTelemetry_Enabled_ExportsBranchBotMetricsAndSpans()
    {
        var metrics = new List<Metric>();
        var exported = new List<System.Diagnostics.Activity>();
        var services = new ServiceCollection().AddLogging();
        services.AddBranchBotTelemetry(Configuration(new() { ["Telemetry:Enabled"] = "true", ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" }));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(exported));
        await using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<MeterProvider>();
        var tracers = provider.GetRequiredService<TracerProvider>();

        using (var turn = BranchBotTelemetry.StartTurn(new Microsoft.Bot.Schema.Activity(ActivityTypes.Message, text: "help"))) turn!.Refused();
        meters.ForceFlush();
        tracers.ForceFlush();

        var turns = Assert.Single(metrics, m => m.Name == "branchbot.turns");
        Assert.Equal(BranchBotTelemetry.Name, turns.MeterName);
        Assert.Contains(metrics, m => m.Name == "branchbot.turn.duration");
        var span = Assert.Single(exported, s => s.OperationName == "BranchBot turn");
        Assert.Equal("refused", span.GetTagItem(BranchBotTelemetry.OutcomeTag));
    }

    [Fact]
    public async Task AddBranchBotTelemetry_Default_RegistersNoOpenTelemetry()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddBranchBotTelemetry(Configuration(new()));
        await using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<MeterProvider>());
        Assert.Null(provider.GetService<TracerProvider>());
        Assert.False(provider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled);
    }

    [Theory]
    [InlineData("true", null, "false", "Telemetry:Enabled=true exports nowhere")]
    [InlineData("true", "localhost:4317", "false", "Telemetry:OtlpEndpoint must be an absolute http or https address")]
    [InlineData("false", "ftp://collector:21", "false", "Telemetry:OtlpEndpoint must be an absolute http or https address")]
    [InlineData("true", "http://user:secret@collector:4317", "false", "without credentials")]
    public void Validate_WrongSettings_FailsNamingTheKey(string enabled, string? endpoint, string console, string expected)
    {
        var options = Configuration(new() { ["Telemetry:Enabled"] = enabled, ["Telemetry:OtlpEndpoint"] = endpoint, ["Telemetry:Console"] = console })
            .GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()!;

        var result = new TelemetryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false", null, "false")]
    [InlineData("true", "http://collector:4317", "false")]
    [InlineData("true", "https://collector.example:4318", "false")]
    [InlineData("true", null, "true")]
    public void Validate_Settings_Succeeds(string enabled, string? endpoint, string console)
    {
        var options = Configuration(new() { ["Telemetry:Enabled"] = enabled, ["Telemetry:OtlpEndpoint"] = endpoint, ["Telemetry:Console"] = console })
            .GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()!;

        Assert.True(new TelemetryOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task Start_TelemetryEnabledWithoutExporter_StopsNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true", ["Reminders:Enabled"] = "false" });
            await host.Client.GetAsync("/health/live");
        });

        Assert.Contains("Telemetry:Enabled=true exports nowhere", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>Every measurement on BranchBot's meter while it lives.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();

        public Recorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BranchBotTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
            _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
            _listener.Start();
        }

        public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Every span of BranchBot's source stopped while it lives.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<System.Diagnostics.Activity> _stopped = new();

        public SpanRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == BranchBotTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<System.Diagnostics.Activity> Stopped => [.. _stopped];

        public void Dispose() => _listener.Dispose();
    }
}
