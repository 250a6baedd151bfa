using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SofaBot.Tests.DingTalk;

/// <summary>Robot callbacks as DingTalk posts them (the receive-message document's fields), and their signature
/// computed here from the documented algorithm, independently of the bot's code.</summary>
public static class Callbacks
{
    public const string Group = "cidGroupSofaStack0001==";
    public const string Private = "cidPrivateAlice0001==";
    public const string AliceStaffId = "manager4321";
    public const string AliceNick = "Alice";
    private static long _nextMessage;

    /// <summary>A text message. DingTalk puts a space before the content where the robot's @name was.</summary>
    public static JsonObject Text(string content, string sessionWebhook, DateTimeOffset sessionExpires, string conversationType = "2", string? msgId = null, string? conversationId = null)
    {
        var id = msgId ?? $"msgFake{Interlocked.Increment(ref _nextMessage):D6}==";
        return new JsonObject
        {
            ["conversationId"] = conversationId ?? (conversationType == "1" ? Private : Group),
            ["atUsers"] = new JsonArray(new JsonObject { ["dingtalkId"] = "$:LWCP_v1:$robot" }),
            ["chatbotCorpId"] = "dingcorp0001",
            ["chatbotUserId"] = "$:LWCP_v1:$robot",
            ["msgId"] = id,
            ["senderNick"] = AliceNick,
            ["isAdmin"] = false,
            ["senderStaffId"] = AliceStaffId,
            ["sessionWebhookExpiredTime"] = sessionExpires.ToUnixTimeMilliseconds(),
            ["createAt"] = sessionExpires.AddMinutes(-90).ToUnixTimeMilliseconds(),
            ["senderCorpId"] = "dingcorp0001",
            ["conversationType"] = conversationType,
            ["senderId"] = "$:LWCP_v1:$alice",
            ["conversationTitle"] = conversationType == "1" ? null : "SOFAStack 社区",
            ["isInAtList"] = true,
            ["sessionWebhook"] = sessionWebhook,
            ["text"] = new JsonObject { ["content"] = " " + content },
            ["robotCode"] = DingTalkBed.RobotCode,
            ["msgtype"] = "text",
        };
    }

    /// <summary>The <c>sign</c> header for a timestamp: Base64(HMAC-SHA256(key: secret, timestamp + "\n" + secret)).</summary>
    public static string Sign(string timestamp, string secret)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
    }
}
