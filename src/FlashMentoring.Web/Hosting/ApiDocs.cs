using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace FlashMentoring.Web.Hosting;

/// <summary>
/// The HTTP API described for whoever scripts it: the OpenAPI document at <c>/openapi/v1.json</c> and its reference page
/// at <c>/api</c>. What the document says about keys and refusals is read off the route groups' metadata (Hosting/HostRoutes),
/// so a route mapped on a group is documented the way the group guards it, with no note on the route itself.
/// </summary>
public static class ApiDocs
{
    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the reference page is served.</summary>
    public const string ReferencePath = "/api";

    /// <summary>The security scheme names: the headers themselves, so a reader of the document knows what to send.</summary>
    public const string HostKeyScheme = HostRoutes.HostKeyHeader;

    public const string HelperKeyScheme = HostRoutes.HelperKeyHeader;

    public const string PersonTokenScheme = Roster.PersonalLinks.TokenHeader;

    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "FlashMentoring",
                    Version = "v1",
                    Description = "Plan a flash-mentoring event from a roster CSV, run its rounds, print its kit and collect feedback. " +
                                  "Host routes need the host key from the host link (the part after #key=).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[HostKeyScheme] = Header(HostKeyScheme,
                    "The host key: the part of the host link after #key=. Every route under /api/events/{id} that changes or reveals the event needs it.");
                document.Components.SecuritySchemes[HelperKeyScheme] = Header(HelperKeyScheme,
                    "The helper key from the helper link the host hands to whoever checks people in at the door. It opens the check-in routes only.");
                document.Components.SecuritySchemes[PersonTokenScheme] = Header(PersonTokenScheme,
                    "The token of a personal link: the part of the link after #t=. It opens that person's own view and feedback.");
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                operation.Responses ??= [];
                if (metadata.OfType<HostOnlyAttribute>().Any())
                {
                    Require(operation, context.Document, HostKeyScheme);
                    if (metadata.OfType<HelperAllowedAttribute>().Any())
                    {
                        // A second requirement: either key opens the route.
                        Require(operation, context.Document, HelperKeyScheme);
                    }

                    await Refused(operation, context, StatusCodes.Status403Forbidden, "Without the event's host key (or a helper key where the helper link may act).", cancellationToken);
                }

                if (metadata.OfType<PersonalLinkAttribute>().Any())
                {
                    Require(operation, context.Document, PersonTokenScheme);
                    await Refused(operation, context, StatusCodes.Status429TooManyRequests, "After too many unknown links from this device.", cancellationToken);
                }

                // Rate limits, the heavy-work gate, and the handlers' own refusals all answer as problem details; so does a bare
                // NotFound (UseStatusCodePages writes one), which the generator lists without a body.
                await Refused(operation, context, null, "A problem: its title says what went wrong and its detail what to do next.", cancellationToken);
                foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('4') && r.Value.Content is not { Count: > 0 }).ToList())
                {
                    await Refused(operation, context, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), response.Description ?? "", cancellationToken, replace: true);
                }
            });
        });

        // Configured after AddOpenApi so it runs after the transformer that copies a handler's XML comment into the summary:
        // the route's short WithSummary is the summary, and the comment, often a paragraph, becomes the description.
        services.Configure<OpenApiOptions>("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointSummaryMetadata>().LastOrDefault() is { } route && operation.Summary != route.Summary)
            {
                operation.Description ??= operation.Summary;
                operation.Summary = route.Summary;
            }

            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// Documents a body that the handler reads itself as a roster CSV. Accepts&lt;T&gt; would say the same, but routing would
    /// then answer other content types with a bare 415, where the handler says what to send instead.
    /// </summary>
    public static RouteHandlerBuilder AcceptsRosterCsv(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The roster in the template's columns (samples/roster-template.csv), as UTF-8 (or Latin-1, as older Excel saves it), at most 5 MB. Send it with Content-Type: text/csv.",
                Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
            return Task.CompletedTask;
        });

    /// <summary>Maps the document and the reference page.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        // The page's script and styles come from the package itself (/api/scalar.js), not from a CDN; no fonts, telemetry
        // or agent are fetched from elsewhere, and the developer toolbar (with its links to Scalar's services) is hidden.
        // The nonce lets the page's one inline script past the CSP (Hosting/Security); js/api-reference.js keeps the
        // bundle from probing for eval, which that CSP refuses.
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("FlashMentoring API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddHeadContent("<script src=\"/js/api-reference.js\"></script>")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .HideDeveloperTools()
            .WithNonce())
            .Add(endpoint =>
            {
                // The page is mapped as /api/{documentName?}: every unknown GET under /api would get the page, and a GET to a
                // POST-only route such as /api/events would no longer be told 405. There is one document, so the page is /api
                // alone (Scalar redirects /api to /api/, from where the page's script and style paths resolve).
                if (endpoint is RouteEndpointBuilder route && route.RoutePattern.GetParameter("documentName") is not null)
                {
                    route.RoutePattern = RoutePatternFactory.Parse(ReferencePath);
                }
            });
        return app;
    }

    /// <summary>Documents a 200 that is a file of the given type: a file result cannot say its content type itself.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.Produces(StatusCodes.Status200OK, typeof(Stream), contentType);

    private static OpenApiSecurityScheme Header(string name, string description) =>
        new() { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = name, Description = description };

    private static void Require(OpenApiOperation operation, OpenApiDocument? document, string scheme)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
    }

    private static async Task Refused(OpenApiOperation operation, OpenApiOperationTransformerContext context, int? status, string when, CancellationToken cancellationToken, bool replace = false)
    {
        var key = status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default";
        if (!replace && operation.Responses!.ContainsKey(key))
        {
            return;
        }

        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        }

        operation.Responses![key] = new OpenApiResponse
        {
            Description = when,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) } },
        };
    }
}

/// <summary>Marks a route that a personal link's token opens (<c>/api/me</c>).</summary>
public sealed class PersonalLinkAttribute : Attribute;
