using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlashMentoring.Web.Tests.Hosting;

public partial class AccessibilityStatementTests
{
    private static readonly string WebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    [Fact]
    public async Task TheStatementIsAtAccessibilityInEnglishAndSpanishWithTheDateOfItsLastReview()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        var page = await client.GetAsync("/accessibility");
        var html = await page.Content.ReadAsStringAsync();
        var english = await client.GetFromJsonAsync<Dictionary<string, JsonElement>>("/locales/en.json");
        var spanish = await client.GetFromJsonAsync<Dictionary<string, JsonElement>>("/locales/es.json");
        var keys = Key().Matches(html).Select(m => m.Groups["key"].Value).Where(k => k.StartsWith("a11y.", StringComparison.Ordinal)).ToList();

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("<time datetime=\"2026-12-04\">", "the statement says when it was last reviewed")
            .And.Contain("data-language-switch", "a reader can switch language on the page")
            .And.Contain("WCAG 2.1", "it names the standard it aims at").And.Contain("Section 508");
        keys.Should().Contain(["a11y.commitment", "a11y.testAxe", "a11y.testKeyboard", "a11y.testZoom", "a11y.limitPdf", "a11y.pdfTags", "a11y.report"]);
        keys.Where(k => spanish![k].GetString() == english![k].GetString()).Should().BeEmpty("every sentence of the statement reads in Spanish too");
        spanish!["a11y.title"].GetString().Should().Be("Declaración de accesibilidad");
    }

    [Fact]
    public void EveryPageAPersonReadsLinksToTheStatement()
    {
        // The board is on a projector (nobody follows its links); the API reference is for developers.
        string[] pages = ["index.html", "join.html", "me.html", "register.html", "profile.html", "mentors.html", "plan.html", "kit.html",
            "host.html", "help.html", "host-registration.html", "host-online.html", "privacy.html"];

        pages.Where(p => !File.ReadAllText(Path.Combine(WebRoot, p)).Contains("href=\"/accessibility\"", StringComparison.Ordinal))
            .Should().BeEmpty("the accessibility statement is one link away from every page (in its foot)");
    }

    [GeneratedRegex("""data-i18n(?:-html)?="(?<key>[^"]+)""")]
    private static partial Regex Key();
}
