using Hangfire.Logging;

namespace BranchBot.Bot.Reminders;

/// <summary>
/// Hangfire's log provider is one static for the whole process, set by each host that starts. Where several hosts
/// share a process (the tests start many bots; a host restarted in place), a host may pick up the provider of one
/// already stopped, whose logger factory is disposed: Hangfire then throws at start. This provider writes to its
/// host's factory and, once that factory is gone, drops the message instead of failing the other host.
/// </summary>
internal sealed class DisposalSafeLogProvider(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new DisposalSafeLog(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return DisposalSafeLog.Nothing;
        }
    }

    private sealed class DisposalSafeLog(ILog? inner) : ILog
    {
        public static readonly DisposalSafeLog Nothing = new(null);

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (inner is null) return false;
            try
            {
                return inner.Log(logLevel, messageFunc!, exception!);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
