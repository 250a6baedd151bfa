using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Text.Json;
using SofaBot.Hosting;
using SofaBot.Json;
using SofaBot.Learning;
using SofaBot.Messaging;
using SofaBot.Review.Digest;

namespace SofaBot.Review.Web;

/// <summary><c>GET /api/digest?since=7d[&amp;anonymous=true]</c>: the weekly digest as Markdown, behind the maintainer
/// token like the review API (<see cref="ApiTokenCheck"/>: 401, 429). A bad <c>since</c> or <c>anonymous</c> is 400
/// with <c>{"error": "..."}</c>.</summary>
internal static class DigestApi
{
    public const string ContentType = "text/markdown; charset=utf-8";

    private static readonly JsonSerializerOptions Json = PlainJson.Web();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/digest");
        api.AddEndpointFilter<ApiTokenCheck>();
        api.MapGet("", GetAsync);
    }

    private static async Task<IResult> GetAsync(HttpRequest request, WeeklyDigestBuilder builder, KnowledgeIndexService index, Clock clock, string? since, string? anonymous)
    {
        if (DigestPeriod.Parse(since ?? DigestPeriod.Default, out var error) is not { } period)
        {
            return Results.Json(new { error = "since: " + error }, Json, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!bool.TryParse(anonymous ?? "false", out var nameless))
        {
            return Results.Json(new { error = $"anonymous: \"{anonymous}\" is not true or false" }, Json, statusCode: StatusCodes.Status400BadRequest);
        }

        var knowledge = await index.GetAsync(request.HttpContext.RequestAborted);
        var digest = await builder.BuildAsync(clock.UtcNow, period, nameless, knowledge.FindPair, request.HttpContext.RequestAborted);
        return Results.Text(DigestWeeklyWriter.Write(digest), ContentType);
    }
}
