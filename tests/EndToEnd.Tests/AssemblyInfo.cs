// Each class starts a bot, a playground and Chromium; on a 2-core machine they must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
