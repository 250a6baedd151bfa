using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SofaBot.Hosting;

/// <summary>The bot's icon (a sofa) at <c>/favicon.ico</c>: browsers ask for it on every page of the local chat and the
/// review page, and a 404 there is noise in every browser console and access log.</summary>
internal static class Favicon
{
    private static readonly byte[] Icon = Read();

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/favicon.ico", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(Icon, "image/x-icon");
        });

    private static byte[] Read()
    {
        using var stream = typeof(Favicon).Assembly.GetManifestResourceStream("SofaBot.favicon.ico")
            ?? throw new InvalidOperationException("the icon is missing from the build");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
