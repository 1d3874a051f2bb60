namespace BranchBot.Infrastructure; public static class Placeholder { }
