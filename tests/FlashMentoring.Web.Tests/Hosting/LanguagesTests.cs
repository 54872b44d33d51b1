using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Web.Tests.Hosting;

public partial class LanguagesTests
{
    internal static readonly string Repository = FindRepository();

    [Fact]
    public async Task APageGetsItsLanguagesTextsButNotThePrintedOnes()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        var languages = await client.GetFromJsonAsync<JsonElement>("/api/languages");
        var es = await client.GetAsync("/locales/es.json");
        var texts = await es.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        var again = new HttpRequestMessage(HttpMethod.Get, "/locales/es.json");
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(es.Headers.ETag!.Tag));

        languages.EnumerateArray().Select(l => l.GetProperty("name").GetString()).Should().StartWith(["English", "Español"]);
        texts!["common.table"].GetString().Should().Be("Mesa {n}");
        texts.Keys.Should().NotContain(k => k.StartsWith("kit.") || k.StartsWith("mail."), "a phone does not download the kit's words");
        (await client.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified, "an unchanged file is not sent twice");
        (await client.GetAsync("/locales/xx.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // A phone on the venue's Wi-Fi gets them compressed, the same texts.
        var packed = new HttpRequestMessage(HttpMethod.Get, "/locales/es.json");
        packed.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        var small = await client.SendAsync(packed);
        small.Content.Headers.ContentEncoding.Should().Equal("br");
        var compressed = await small.Content.ReadAsByteArrayAsync();
        using var unpacked = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(unpacked)!.Keys.Should().BeEquivalentTo(texts.Keys);
        compressed.Length.Should().BeLessThan((int)(es.Content.Headers.ContentLength ?? 0) / 3);
    }

    [Fact]
    public async Task AnEventSpeaksTheLanguageItWasCreatedInUntilTheHostPicksAnother()
    {
        using var app = new TestApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var created = await (await client.PostAsJsonAsync("/api/events", new { title = "Mentoría relámpago", startsAt = DateTimeOffset.UtcNow.AddDays(3) })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var host = app.HostClient(created.GetProperty("hostKey").GetString()!);
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/events/{id}");
        var changed = await host.PutAsJsonAsync($"/api/events/{id}/language", new { language = "en" });
        var wrong = await host.PutAsJsonAsync($"/api/events/{id}/language", new { language = "fr" });
        var stranger = await client.PutAsJsonAsync($"/api/events/{id}/language", new { language = "en" });

        first.GetProperty("language").GetString().Should().Be("es", "the host's browser asked for Spanish");
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString().Should().Be("en");
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("en, es");
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the host picks it");
    }

    [Fact]
    public void EveryTextAPageAsksForIsInTheEnglishFile()
    {
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository, "wwwroot"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var keys = PageKey().Matches(text).Select(m => m.Groups["key"].Value)
                .Concat(AttributeKeys().Matches(text).SelectMany(m => m.Groups["pairs"].Value.Split(';')).Select(p => p.Split('=').Last().Trim()))
                .Where(k => k.Contains('.', StringComparison.Ordinal)); // every key is area.name; a comment's "key" is not one
            // Against what a page can have: the kit's and the e-mails' texts stay on the server.
            missing.AddRange(keys.Where(k => !Texts.English.Entries.ContainsKey(k) || k.StartsWith("kit.", StringComparison.Ordinal) || k.StartsWith("mail.", StringComparison.Ordinal))
                .Select(k => $"{Path.GetRelativePath(Repository, file)}: {k}"));
        }

        missing.Should().BeEmpty("a key a page uses and the file lacks shows as the key itself");
    }

    [Fact]
    public void TheEnglishAPageShowsBeforeItsScriptRunsIsTheEnglishFilesText()
    {
        // Static HTML keeps its English, for the first paint and for a browser without scripts; it must not drift from
        // the file that every other language translates.
        var drift = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository, "wwwroot"), "*.html"))
        {
            foreach (Match m in StaticText().Matches(File.ReadAllText(file)))
            {
                var shown = WebUtility.HtmlDecode(Regex.Replace(m.Groups["text"].Value, @"\s+", " ").Trim());
                if (shown.Length > 0 && Texts.English.Entries.TryGetValue(m.Groups["key"].Value, out var english) && english.ValueKind == JsonValueKind.String && english.GetString() != shown)
                {
                    drift.Add($"{Path.GetFileName(file)}: {m.Groups["key"].Value} shows \"{shown}\", the file says \"{english.GetString()}\"");
                }
            }
        }

        drift.Should().BeEmpty();
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlashMentoring.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository (FlashMentoring.sln) is not above the test's folder.");
    }

    // t('area.key'), plural("area.key", ...), data-i18n="area.key", data-i18n-html="area.key".
    [GeneratedRegex("""(?:\b(?:t|plural)\(\s*['"`]|data-i18n(?:-html)?=")(?<key>[a-z][A-Za-z0-9]*\.[A-Za-z0-9.]+)""")]
    private static partial Regex PageKey();

    [GeneratedRegex("""data-i18n-attr="(?<pairs>[^"]*)""")]
    private static partial Regex AttributeKeys();

    [GeneratedRegex("""data-i18n="(?<key>[^"]+)"[^>]*>(?<text>[^<]*)<""")]
    private static partial Regex StaticText();
}
