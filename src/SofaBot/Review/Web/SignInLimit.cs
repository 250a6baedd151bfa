using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace SofaBot.Review.Web;

/// <summary>How often one address may try to sign in to the review page: 10 a minute. A token of 24 random bytes
/// cannot be guessed at that pace; without a limit the page answered over a thousand guesses a second.</summary>
internal static class SignInLimit
{
    public const string PolicyName = "review-sign-in";

    public const int PerMinute = 10;

    public static IServiceCollection AddReviewSignInLimit(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    });
}
