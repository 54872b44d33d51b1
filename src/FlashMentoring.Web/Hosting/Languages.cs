using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Web.Hosting;

/// <summary>
/// The languages the app speaks, for pages: <c>GET /locales/{code}.json</c> is every text a page may show in that
/// language (the kit's and the e-mails' stay on the server), and <c>GET /api/languages</c> lists them for a switch.
/// </summary>
public static class Languages
{
    // Areas only the server writes with: pages never need them, and a phone should not download them.
    private static readonly string[] ServerOnly = ["kit.", "mail."];

    private static readonly ConcurrentDictionary<string, (byte[] Body, byte[] Brotli, string ETag)> Pages = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapLanguages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/languages", () => TypedResults.Ok(Texts.Languages))
            .WithTags("Languages").WithSummary("The languages the app speaks (code and own name), English first");
        app.MapGet("/locales/{code}.json", PageTexts)
            .WithTags("Languages").WithSummary("Every text a page shows, in one language")
            .Produces<Dictionary<string, JsonElement>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The reader's language for an answer written on the server: <c>lang=</c> when the app speaks it, else the first
    /// language of Accept-Language it speaks, else English. Pages send their chosen language in both.
    /// </summary>
    public static Texts Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = request.Query["lang"].ToString();
        return Texts.Knows(asked) ? Texts.For(asked) : Texts.For(Texts.Best(request.Headers.AcceptLanguage.ToString()));
    }

    /// <summary>A stored language code, or null when it is not one the app speaks (so the event's or the page's applies).</summary>
    public static string? Clean(string? code) => Texts.Knows(code) ? code!.Trim().ToLowerInvariant() : null;

    private static IResult PageTexts(string code, HttpContext http)
    {
        if (!Texts.Knows(code) || code != code.ToLowerInvariant())
        {
            return TypedResults.NotFound();
        }

        var (body, brotli, etag) = Pages.GetOrAdd(code, c =>
        {
            var texts = Texts.For(c).Entries.Where(e => !ServerOnly.Any(p => e.Key.StartsWith(p, StringComparison.Ordinal)))
                .OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(texts);
            // Compressed once here (the app compresses no API answer, which may hold personal links; these hold none):
            // about 110 KB of texts is some 20 KB on a phone's first load.
            using var packed = new MemoryStream();
            using (var brotliStream = new BrotliStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                brotliStream.Write(bytes);
            }

            return (bytes, packed.ToArray(), $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        });
        // Checked on every load (a deploy changes them), answered with 304 while they are unchanged.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        http.Response.Headers.Vary = "Accept-Encoding";
        if (http.Request.Headers.AcceptEncoding.ToString().Contains("br", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.ContentEncoding = "br";
            return TypedResults.Bytes(brotli, "application/json; charset=utf-8");
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }
}
