namespace BranchBot.Bot.Tests.Reminders;

/// <summary>
/// The tests that measure several instances on one server database against the clock (three processes fanning
/// out 10,000 reminders, two Hangfire servers, three limiters sharing one ceiling) run alone: beside the rest of
/// the suite they compete for the same two cores and the same server, and a starved Hangfire worker or a late
/// waiter then measures the machine, not BranchBot.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerFanOutCollection
{
    public const string Name = "Several instances on one server database";
}
