using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Web.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace FlashMentoring.Web.Tests.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json and the reference page at /api.</summary>
public partial class OpenApiTests : IClassFixture<TestApp>
{
    // Routes that are not the HTTP API, left out of the document on purpose: the document itself, and the reference page
    // with the script, styles and icon it loads (Scalar's). The SignalR hub (/hubs/live) and the pages' fallbacks to
    // their HTML files are left out below by what they are.
    // /healthz and /readyz are middleware in front of routing (for probes), so neither list has them.
    private static readonly string[] NotTheApi = ["GET /openapi/{documentName}.json", "GET /api", "GET /api/scalar.js", "GET /api/scalar.aspnetcore.js", "GET /api/favicon.svg"];

    private readonly TestApp app;

    public OpenApiTests(TestApp app) => this.app = app;

    [Fact]
    public async Task TheDocumentIsAValidOpenApi3Document()
    {
        await using var body = await app.CreateClient().GetStreamAsync(ApiDocs.DocumentPath);

        var read = await OpenApiDocument.LoadAsync(body, "json");

        read.Diagnostic!.Errors.Should().BeEmpty();
        read.Diagnostic.SpecificationVersion.ToString().Should().StartWith("OpenApi3_");
        read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()).Should().BeEmpty();
    }

    [Fact]
    public async Task TheDocumentListsEveryRouteOfTheApp()
    {
        var document = await Document();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"));

        var routes = ApiRoutes().Select(r => r.Route);

        documented.Should().BeEquivalentTo(routes, "every route the app maps is in the document, and nothing else");
        routes.Should().HaveCountGreaterThan(40).And.Contain(["PUT /api/events/{id}/roster", "POST /api/events", "GET /api/me", "GET /api/events/{id}/kit/{part}.pdf"]);
    }

    [Fact]
    public async Task EveryOperationSaysWhatItAnswersOnSuccessAndOnFailure()
    {
        var document = await Document();

        foreach (var (route, op) in Operations(document))
        {
            var responses = op.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            op.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace(route);
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            success.Should().NotBeEmpty($"{route} says what it answers when it works");
            foreach (var (status, response) in success.Where(r => r.Key != "204"))
            {
                response.TryGetProperty("content", out var content).Should().BeTrue($"{route} says what its {status} holds");
                content.EnumerateObject().Where(c => !c.Value.TryGetProperty("schema", out var _)).Should().BeEmpty($"{route} gives the {status}'s schema");
            }

            var failures = responses.Where(r => r.Key.StartsWith('4') || r.Key == "default").ToList();
            failures.Should().NotBeEmpty();
            failures.Where(r => !r.Value.GetProperty("content").TryGetProperty("application/problem+json", out var _)).Should().BeEmpty($"{route} answers errors as problem details");
        }
    }

    [Fact]
    public async Task HostRoutesNeedTheHostKeyAndPublicOnesNoKey()
    {
        var document = await Document();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var hostKey = schemes.GetProperty("X-Host-Key");
        hostKey.GetProperty("type").GetString().Should().Be("apiKey");
        hostKey.GetProperty("in").GetString().Should().Be("header");
        hostKey.GetProperty("name").GetString().Should().Be("X-Host-Key");
        var operations = Operations(document).ToDictionary(o => o.Route, o => Keys(o.Operation));

        operations["PUT /api/events/{id}/roster"].Should().BeEquivalentTo(new[] { new[] { "X-Host-Key" } });
        operations["POST /api/events/{id}/walk-ins"].Should().BeEquivalentTo(new[] { new[] { "X-Host-Key" }, ["X-Helper-Key"] }, "either link checks people in");
        operations["GET /api/me"].Should().BeEquivalentTo(new[] { new[] { "X-Person-Token" } });
        operations["POST /api/events"].Should().BeEmpty("anyone may create an event");
        operations["GET /api/events/{id}/board"].Should().BeEmpty("the board is public");
        foreach (var (route, hostOnly) in ApiRoutes())
        {
            operations[route].Any(r => r.Contains("X-Host-Key")).Should().Be(hostOnly, $"{route} is {(hostOnly ? "" : "not ")}a host route");
        }
    }

    [Fact]
    public async Task TheReferencePageIsAtApiAndLoadsItsScriptFromTheApp()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var bare = await client.GetAsync(ApiDocs.ReferencePath);
        var page = await client.GetAsync(ApiDocs.ReferencePath + "/");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync(ApiDocs.ReferencePath + "/scalar.js");

        bare.StatusCode.Should().Be(HttpStatusCode.Redirect);
        new Uri(client.BaseAddress!, bare.Headers.Location!).AbsolutePath.Should().Be("/api/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("<script src=\"scalar.js\"").And.NotContain("https://", "nothing is loaded from another site");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        (await script.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(100_000, "the whole interface ships in the package");
        script.Headers.CacheControl?.NoStore.Should().NotBe(true, "1.5 MB of script holds nobody's data: a second visit need not fetch it again");
    }

    [Fact]
    public async Task OnlyTheReferencePageGetsItsNonceAndInlineStyles()
    {
        using var client = app.CreateClient();

        var page = await client.GetAsync(ApiDocs.ReferencePath + "/");
        var html = await page.Content.ReadAsStringAsync();
        var api = await client.GetAsync("/api/limits");
        var home = await client.GetAsync("/");

        var nonce = NonceAttribute().Match(html).Groups[1].Value;
        nonce.Should().NotBeEmpty();
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain($"script-src 'self' 'nonce-{nonce}';").And.Contain("style-src 'self' 'unsafe-inline';");
        foreach (var other in new[] { api, home })
        {
            other.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self';").And.Contain("style-src 'self';").And.NotContain("nonce");
        }
    }

    [Theory]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/api/v1", HttpStatusCode.NotFound)]
    [InlineData("/api/events", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/api/plans", HttpStatusCode.MethodNotAllowed)]
    public async Task OtherGetsUnderApiAreNotTheReferencePage(string path, HttpStatusCode expected)
    {
        var response = await app.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    /// <summary>The app's HTTP API routes as the document names them ("PUT /api/events/{id}/roster"), and whether each is a host route.</summary>
    private List<(string Route, bool HostOnly)> ApiRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/hubs/", StringComparison.Ordinal)) // SignalR, not HTTP API.
            .Where(e => e.DisplayName?.StartsWith("Fallback ", StringComparison.Ordinal) != true) // The pages' HTML files.
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => (Route: $"{m} {DocumentPath(e.RoutePattern.RawText!)}", HostOnly: e.Metadata.GetMetadata<HostOnlyAttribute>() is not null)))
            .Where(r => !NotTheApi.Contains(r.Route))
            .ToList();

    // The document writes a route without its constraints or a trailing slash: /api/events/{id:guid}/ is /api/events/{id}.
    private static string DocumentPath(string pattern)
    {
        var path = Constraint().Replace(pattern, "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private async Task<JsonElement> Document() =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync(ApiDocs.DocumentPath)).RootElement.Clone();

    private static IEnumerable<(string Route, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    // Each requirement (any one of them opens the route) as the names of the keys it takes together.
    private static List<string[]> Keys(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().Select(r => r.EnumerateObject().Select(k => k.Name).ToArray()).ToList()
            : [];

    [GeneratedRegex(@"\{(\w+):[^}]*\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();
}
