using System.Net;
using System.Text.Json;
using SofaBot.Channels.Telegram;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace SofaBot.Tests.Telegram;

/// <summary>How SofaBot reads Telegram.Bot's exceptions: what is repeated, what may already be in the chat, how long
/// Telegram asked to wait. The exceptions are shaped as <see cref="TimedTelegramBotClient"/> throws them
/// (<see cref="TelegramBotClientTests"/> checks that shape against the fake server).</summary>
public sealed class TelegramFailureTests
{
    private static ApiRequestException Refusal(int code, ResponseParameters? parameters = null) =>
        new($"Telegram sendMessage failed: {code} …", code, parameters);

    private static RequestException NoAnswer(Exception inner) => new("Telegram sendMessage failed: …", inner);

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public void A_refusal_is_repeated_only_for_flood_control_and_server_errors_and_never_counts_as_delivered(int code, bool transient)
    {
        var e = Refusal(code);

        Assert.Equal(transient, TelegramFailure.IsTransient(e));
        Assert.False(TelegramFailure.MayHaveBeenDelivered(e));
        Assert.Equal(code, TelegramFailure.Status(e));
        Assert.Equal(code is 401 or 404, TelegramFailure.IsUnauthorized(e));
    }

    [Fact]
    public void Flood_control_carries_the_wait_telegram_asked_for()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), TelegramFailure.RetryAfter(Refusal(429, new ResponseParameters { RetryAfter = 7 })));
        Assert.Null(TelegramFailure.RetryAfter(Refusal(429)));
        Assert.Null(TelegramFailure.RetryAfter(NoAnswer(new TimeoutException())));
    }

    [Fact]
    public void A_group_that_became_a_supergroup_names_its_new_id()
    {
        Assert.Equal(-1007, TelegramFailure.MigrateToChatId(Refusal(400, new ResponseParameters { MigrateToChatId = -1007 })));
        Assert.Null(TelegramFailure.MigrateToChatId(Refusal(400)));
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError, false)]
    [InlineData(HttpRequestError.ConnectionError, false)]
    [InlineData(HttpRequestError.SecureConnectionError, false)]
    [InlineData(HttpRequestError.ProxyTunnelError, false)]
    [InlineData(HttpRequestError.ResponseEnded, true)]
    [InlineData(HttpRequestError.Unknown, true)]
    [InlineData(HttpRequestError.InvalidResponse, true)]
    public void A_network_error_is_repeated_and_may_have_delivered_unless_the_request_never_went_out(HttpRequestError error, bool mayHaveArrived)
    {
        var e = NoAnswer(new HttpRequestException(error, "…"));

        Assert.True(TelegramFailure.IsTransient(e));
        Assert.Equal(mayHaveArrived, TelegramFailure.MayHaveBeenDelivered(e));
        Assert.False(TelegramFailure.IsUnauthorized(e));
    }

    [Fact]
    public void No_answer_in_time_or_an_answer_cut_off_may_have_delivered()
    {
        Assert.True(TelegramFailure.MayHaveBeenDelivered(NoAnswer(new TimeoutException())));
        Assert.True(TelegramFailure.MayHaveBeenDelivered(NoAnswer(new IOException("reset"))));
        Assert.True(TelegramFailure.IsTransient(NoAnswer(new TimeoutException())));
    }

    [Fact]
    public void An_unreadable_answer_may_have_delivered_after_a_2xx_only_and_keeps_its_status_otherwise()
    {
        var success = new RequestException("…", HttpStatusCode.OK, new JsonException());
        var gateway = new RequestException("…", HttpStatusCode.BadGateway, new JsonException());
        var notFound = new RequestException("…", HttpStatusCode.NotFound, new JsonException());

        Assert.True(TelegramFailure.MayHaveBeenDelivered(success));
        Assert.True(TelegramFailure.IsTransient(success));
        Assert.Equal(0, TelegramFailure.Status(success));
        Assert.False(TelegramFailure.MayHaveBeenDelivered(gateway));
        Assert.True(TelegramFailure.IsTransient(gateway));
        Assert.False(TelegramFailure.IsTransient(notFound));
        Assert.True(TelegramFailure.IsUnauthorized(notFound));
    }

    [Fact]
    public void Anything_but_the_clients_exceptions_is_none_of_these()
    {
        var e = new InvalidOperationException("a bug");

        Assert.False(TelegramFailure.IsTransient(e));
        Assert.False(TelegramFailure.MayHaveBeenDelivered(e));
        Assert.False(TelegramFailure.IsUnauthorized(e));
        Assert.False(TelegramFailure.IsNotModified(e));
    }

    [Fact]
    public void An_edit_to_what_the_message_shows_is_told_apart_from_other_refusals()
    {
        Assert.True(TelegramFailure.IsNotModified(new ApiRequestException("Telegram editMessageText failed: 400 Bad Request: message is not modified: specified new message content and reply markup are exactly the same", 400)));
        Assert.False(TelegramFailure.IsNotModified(new ApiRequestException("Telegram editMessageText failed: 400 Bad Request: message to edit not found", 400)));
    }
}
