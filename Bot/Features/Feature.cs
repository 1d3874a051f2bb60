using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features;

public delegate Task<Reply> CardHandler(Turn turn, CardData data, CancellationToken cancellationToken);

public delegate Task<Reply> TextHandler(Turn turn, CancellationToken cancellationToken);

/// <summary>A card verb and the flow method that answers it; <see cref="Bind"/> resolves the flow once, when the router is built.</summary>
public sealed record VerbRoute(string Verb, Type Flow, Func<IServiceProvider, CardHandler> Bind);

/// <summary>A typed command, its phrases in the three languages, and the flow method that answers it.</summary>
public sealed record CommandRoute(Commands.Entry Phrases, Type Flow, Func<IServiceProvider, TextHandler> Bind);

/// <summary>The label key people see on an input, for refusals that name it; a prefix covers per-row inputs (<c>reason_17</c>).</summary>
public sealed record FieldLabel(string Field, string TextKey, bool IsPrefix);

/// <summary>
/// One feature's declaration: the verbs its cards send, the commands people type and the labels of the inputs its
/// cards carry, each with the flow method that answers it. The router, <see cref="Errors"/> and the command catalogue
/// read these through <see cref="Features.All"/>; nothing else knows which feature owns what.
/// </summary>
public abstract class Feature
{
    private readonly List<VerbRoute> _verbs = [];
    private readonly List<CommandRoute> _commands = [];
    private readonly List<FieldLabel> _labels = [];

    public abstract string Name { get; }

    public IReadOnlyList<VerbRoute> CardVerbs => _verbs;
    public IReadOnlyList<CommandRoute> TypedCommands => _commands;
    public IReadOnlyList<FieldLabel> InputLabels => _labels;

    /// <summary>The flow classes the declaration routes to, registered once by the composition root.</summary>
    public IEnumerable<Type> Flows => _verbs.Select(v => v.Flow).Concat(_commands.Select(c => c.Flow)).Distinct();

    protected void Verb<TFlow>(string verb, Func<TFlow, Turn, CardData, CancellationToken, Task<Reply>> handle) where TFlow : class =>
        _verbs.Add(new VerbRoute(verb, typeof(TFlow), services =>
        {
            var flow = services.GetRequiredService<TFlow>();
            return (turn, data, cancellationToken) => handle(flow, turn, data, cancellationToken);
        }));

    /// <summary>
    /// A typed command. The first English and first Simplified Chinese phrases are the manifest's command titles. With
    /// <paramref name="takesArgument"/> the phrase may be followed by more words, handed to the flow as <see cref="Turn.Argument"/>.
    /// With <paramref name="listed"/> false the command is answered but left out of the manifest's command list, which
    /// holds at most 12; the help card names it instead.
    /// </summary>
    protected void Typed<TFlow>(Command command, string[] english, string[] simplifiedChinese, string[] traditionalChinese,
        Func<TFlow, Turn, CancellationToken, Task<Reply>> handle, bool takesArgument = false, bool listed = true) where TFlow : class =>
        _commands.Add(new CommandRoute(new Commands.Entry(command, english, simplifiedChinese, traditionalChinese, takesArgument, listed), typeof(TFlow), services =>
        {
            var flow = services.GetRequiredService<TFlow>();
            return (turn, cancellationToken) => handle(flow, turn, cancellationToken);
        }));

    protected void Label(string field, string textKey) => _labels.Add(new FieldLabel(field, textKey, IsPrefix: false));

    protected void LabelPrefix(string prefix, string textKey) => _labels.Add(new FieldLabel(prefix, textKey, IsPrefix: true));
}
