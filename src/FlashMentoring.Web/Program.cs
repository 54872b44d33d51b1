using System.Text.Json.Serialization;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Feedback;
using FlashMentoring.Web.History;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Kits;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Mail;
using FlashMentoring.Web.Online;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Registration;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The container's HEALTHCHECK: ask the running app, then exit (Hosting/Health).
if (HealthProbe.Requested(args))
{
    Environment.ExitCode = await HealthProbe.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebRoot.Locate(),
});

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
{
    // A body that is not valid JSON, or a missing one: say what was wrong, not only "Bad Request".
    if (context.Exception is BadHttpRequestException bad)
    {
        context.ProblemDetails.Detail = bad.Message;
    }
});
builder.Services.AddSecurity();
builder.Services.AddHeavyWork();
builder.Services.AddApiDocs();
// Only the static pages, styles and scripts are compressed: they carry no secrets, so compressing them over
// HTTPS gives nothing away (API answers, which can hold personal links, are left as they are).
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];
});
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddAppMetrics(builder.Configuration);
// SignalR, and with Live:Redis the backplane that makes several nodes one (Live/Cluster, docs/scale.md).
builder.Services.AddLive(builder.Configuration);
builder.Services.AddSingleton<ClockOwnership>();
builder.Services.AddSingleton<ClockBroadcaster>();
builder.Services.AddOptions<JoinLinkOptions>().BindConfiguration("Hosting").ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<JoinLinks>();
builder.Services.AddSingleton<PlanStore>();
builder.Services.AddSingleton<PlanPublisher>();
builder.Services.AddSingleton<RosterPlanner>();
builder.Services.AddSingleton<KitJobs>();
builder.Services.AddScoped<PersonalLinks>();
builder.Services.AddScoped<PersonalViews>();
builder.Services.AddScoped<Meetings>();
builder.Services.AddScoped<ReportBuilder>();
builder.Services.AddSingleton<FeedbackNotifier>();
builder.Services.AddHostedService(services => services.GetRequiredService<ClockBroadcaster>());
builder.Services.AddRetention();
builder.Services.AddEventCreationLimits();
builder.Services.AddMail();
builder.Services.AddRegistration();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));

var app = builder.Build();
await app.EnsureStorageAsync();

// Behind a reverse proxy (a hosted instance), take the client's address, scheme and host from the proxy's
// X-Forwarded-* headers: rate limits then count devices, not the proxy, and join links carry the public host.
// Off by default: without a proxy in front, anyone could forge those headers.
if (app.Configuration.GetValue<bool>("Hosting:BehindProxy"))
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
    forwarded.KnownIPNetworks.Clear();
    forwarded.KnownProxies.Clear();
    app.UseForwardedHeaders(forwarded);
}

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseHealthEndpoints();
app.UseDevices();
app.UseRateLimiter();
app.UseResponseCompression();
app.UseStatusCodePages();
app.UseHostKeys();
app.UseDefaultFiles();
app.UseStaticFiles();

// The API. Every route under /api/events/{id} that changes or reveals the event is mapped on the host group
// (Hosting/HostRoutes), whose one filter checks the host key.
app.MapLimits();
app.MapRetention();
app.MapPlans();
app.MapEvents();
app.MapRoster();
app.MapAdjust();
app.MapHistory();
app.MapCheckIn();
app.MapImHere();
app.MapClock();
app.MapBoard();
app.MapJoin();
app.MapMyLanguage();
app.MapKits();
app.MapFeedback();
app.MapReports();
app.MapExports();
app.MapRegistration();
app.MapProfiles();
app.MapMail();
app.MapOnline();
app.MapPresence();
app.MapLanguages();
// The API described: /openapi/v1.json, and the reference page at /api.
app.MapApiDocs();
app.MapHub<LiveHub>("/hubs/live");

// The pages: host console, projector board, phone view and join page (plain HTML and ES modules).
app.MapFallbackToFile("/host/{id:guid}", "host.html");
app.MapFallbackToFile("/board/{id:guid}", "board.html");
app.MapFallbackToFile("/me", "me.html");
app.MapFallbackToFile("/join", "join.html");
app.MapFallbackToFile("/kit", "kit.html");
app.MapFallbackToFile("/help/{id:guid}", "help.html");
app.MapFallbackToFile("/host/{id:guid}/registration", "host-registration.html");
app.MapFallbackToFile("/host/{id:guid}/online", "host-online.html");
app.MapFallbackToFile("/register/{code}", "register.html");
app.MapFallbackToFile("/profile", "profile.html");
app.MapFallbackToFile("/mentors", "mentors.html");
app.MapFallbackToFile("/accessibility", "accessibility.html");

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
