using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SofaBot.Json;

namespace SofaBot.Review.Web;

/// <summary>The REST API for scripts and integrations, with the maintainer token as <c>Authorization: Bearer</c>
/// (checked by <see cref="ApiTokenCheck"/>): list items, approve (candidate k, a text, or the draft), reject. 401 for a wrong or
/// missing token, 429 after too many wrong ones from one address, 404 for an unknown id, 409 for an item already
/// decided (or expired), 400 for a bad request, each with <c>{"error": "..."}</c>.</summary>
internal static class ReviewApi
{
    private const int MaxListed = 500;
    private static readonly JsonSerializerOptions Json = PlainJson.Web();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/review");
        api.AddEndpointFilter<ApiTokenCheck>();
        api.MapGet("", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPost("/{id:long}/approve", ApproveAsync);
        api.MapPost("/{id:long}/reject", RejectAsync);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ReviewQueue queue, string? status)
    {
        ReviewStatus? filter = null;
        if (!string.IsNullOrEmpty(status) && status != "all")
        {
            if (!Enum.TryParse<ReviewStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(status[0]))
            {
                return Error(StatusCodes.Status400BadRequest, $"status \"{status}\" is not one of: pending, approved, edited, rejected, expired, all");
            }

            filter = parsed;
        }

        var items = await queue.ListAsync(filter, MaxListed, request.HttpContext.RequestAborted);
        var corpus = await queue.CorpusCheckAsync(request.HttpContext.RequestAborted);
        return Results.Json(items.Select(item => ReviewItemJson.From(item, corpus)), Json);
    }

    private static async Task<IResult> GetAsync(HttpRequest request, long id, ReviewQueue queue)
    {
        return await queue.GetAsync(id, request.HttpContext.RequestAborted) is { } item
            ? Results.Json(ReviewItemJson.From(item, await queue.CorpusCheckAsync(request.HttpContext.RequestAborted)), Json)
            : Error(StatusCodes.Status404NotFound, $"there is no review item {id}");
    }

    private static async Task<IResult> ApproveAsync(HttpRequest request, long id, ReviewQueue queue)
    {
        var maintainer = ApiTokenCheck.MaintainerOf(request.HttpContext);
        var (body, error) = await ReadAsync<ApproveBody>(request);
        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, error ?? "send {\"candidate\": k}, {\"text\": \"...\"} or {\"draft\": true}");
        }

        return await RespondAsync(await queue.ApproveAsync(id, new ReviewApproval(body.Candidate, body.Text, body.Draft), maintainer, request.HttpContext.RequestAborted), queue, request);
    }

    private static async Task<IResult> RejectAsync(HttpRequest request, long id, ReviewQueue queue)
    {
        var maintainer = ApiTokenCheck.MaintainerOf(request.HttpContext);
        // the body is optional: {"notAQuestion": true} marks the message as not a question
        var (body, error) = request.ContentLength is 0 or null && request.Headers.TransferEncoding.Count == 0
            ? (new RejectBody(false), null)
            : await ReadAsync<RejectBody>(request);
        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, error ?? "send {} or {\"notAQuestion\": true}");
        }

        return await RespondAsync(await queue.RejectAsync(id, maintainer, body.NotAQuestion, request.HttpContext.RequestAborted), queue, request);
    }

    private static async Task<IResult> RespondAsync(ReviewResult result, ReviewQueue queue, HttpRequest request) => result.Kind switch
    {
        ReviewResultKind.Done => Results.Json(ReviewItemJson.From(result.Item!, await queue.CorpusCheckAsync(request.HttpContext.RequestAborted)), Json),
        ReviewResultKind.NotFound => Error(StatusCodes.Status404NotFound, result.Message),
        ReviewResultKind.AlreadyDecided => Error(StatusCodes.Status409Conflict, result.Message),
        _ => Error(StatusCodes.Status400BadRequest, result.Message),
    };

    private static async Task<(T? Body, string? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, "the body must be JSON (Content-Type: application/json)");
        }

        try
        {
            return (await request.ReadFromJsonAsync<T>(Json, request.HttpContext.RequestAborted), null);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not valid JSON: {e.Message}");
        }
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, Json, statusCode: status);

    /// <param name="Draft">True: send the item's draft as it is (400 when it has none).</param>
    private sealed record ApproveBody(int? Candidate, string? Text, bool Draft = false);

    private sealed record RejectBody(bool NotAQuestion);
}
