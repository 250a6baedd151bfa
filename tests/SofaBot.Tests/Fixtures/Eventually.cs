namespace SofaBot.Tests.Fixtures;

/// <summary>Waiting for something the bot does in the background (a reply sent, an update confirmed). The limit is
/// a safety net for a hung test, never a timing assert.</summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Completes once <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> if it
    /// never does.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"still waiting after {Limit.TotalSeconds:0} s for {what}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary><see cref="UntilAsync(Func{bool}, string)"/> for a condition that has to ask over HTTP.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"still waiting after {Limit.TotalSeconds:0} s for {what}");
            }

            await Task.Delay(50);
        }
    }
}
