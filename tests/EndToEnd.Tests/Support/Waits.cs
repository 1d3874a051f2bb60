namespace BranchBot.EndToEnd.Tests.Support;

public static class Waits
{
    /// Long enough for a cold bot turn with a database on a busy 2-core machine, short enough to fail fast.
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.{(diagnostics is null ? "" : "\n" + diagnostics())}");
    }
}
