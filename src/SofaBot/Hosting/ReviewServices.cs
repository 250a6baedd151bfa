using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SofaBot.Messaging;
using SofaBot.Review;
using SofaBot.Review.Digest;
using SofaBot.Review.Web;

namespace SofaBot.Hosting;

/// <summary>Registers the maintainers' loop: the review queue, what carries out approvals, the housekeeping, and the
/// sign-in for the page and the API. Desks (the Telegram review chat) register with their channel.</summary>
internal static class ReviewServices
{
    public static IServiceCollection AddSofaBotReview(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReviewOptions>, ReviewOptionsValidator>());
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<ReviewPublisher>();
        services.AddSingleton<WeeklyDigestBuilder>();
        services.AddSingleton<ReviewMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<ReviewMaintenance>());
        services.AddSingleton<LearnedPairSync>();
        services.AddHostedService(sp => sp.GetRequiredService<LearnedPairSync>());

        services.AddReviewKeyRing();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "sofabot_review_form";
            o.Cookie.Path = "/review";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        services.AddSingleton<ReviewAccess>();
        // on the host's clock, so that tests move time rather than wait out a minute
        services.AddSingleton(sp => new TokenGuessLimit(sp.GetRequiredService<Clock>().Time));
        services.AddReviewSignInLimit();
        return services;
    }
}
