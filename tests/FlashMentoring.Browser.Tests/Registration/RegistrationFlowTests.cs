using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Registration;

[Collection(nameof(BrowserCollection))]
public class RegistrationFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Mentor = "Mentor: I share my experience";
    private const string Mentee = "Mentee: I want to learn from a mentor";

    // Three mentors the host adds from a spreadsheet, on top of the one who registers.
    private const string MentorsCsv = """
        role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid
        mentor,Katherine Johnson,katherine@example.gov,HHS/CDC,Atlanta,GS-15,Data Analytics;Strategic Thinking,,,,
        mentor,Dorothy Vaughan,dorothy@example.gov,VA,Washington,GS-14,Data Analytics;Budget,,,,
        mentor,Mary Jackson,mary@example.gov,HHS/FDA,Silver Spring,GS-15,Public Speaking;Negotiation,,,,
        """;

    [Fact]
    public async Task MenteesRegisterChooseTheirMentorsAndThePhoneShowsThoseTheyAskedFor()
    {
        var (eventId, hostKey) = await CreateEventAsync();

        // The host opens registration for the agencies' domain and adds three mentors from a CSV.
        await using var hostScreen = await browser.NewPhoneAsync();
        var host = await hostScreen.NewPageAsync();
        await host.GotoAsync($"/host/{eventId}/registration#key={hostKey}");
        await host.GetByLabel("Registration is open").CheckAsync();
        await host.GetByLabel("Only e-mail addresses at (optional)").FillAsync("example.gov");
        await host.GetByRole(AriaRole.Button, new() { Name = "Save the registration settings" }).ClickAsync();
        await Expect(host.Locator("#open-state")).ToContainTextAsync("Open");
        var link = await host.GetByLabel("The link to send round").InputValueAsync();
        var qr = host.GetByAltText("QR code of the registration link");
        await Expect(qr).ToBeVisibleAsync();
        await qr.EvaluateAsync("img => img.decode()"); // Throws unless the QR code is an image the browser can draw.
        var path = new Uri(link).PathAndQuery; // The link names the laptop's LAN address; this test's browser reaches loopback.
        await host.GetByLabel("or paste it here").FillAsync(MentorsCsv);
        await host.GetByRole(AriaRole.Button, new() { Name = "Add these people" }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync("Added 3 people");

        // A mentor registers on their phone.
        await using (var mentorPhone = await browser.NewPhoneAsync())
        {
            await (await mentorPhone.NewPageAsync()).RegisterAsync(path, new("Grace Hopper", "grace@example.gov", Mentor, "HHS", "NIH", "Bethesda", "SES", ["Data Analytics", "Leading Change"], []));
        }

        // The first mentee forgets the consent box: the form says so by the box, and keeps everything typed.
        await using var menteePhone = await browser.NewPhoneAsync();
        var mentee = await menteePhone.NewPageAsync();
        var ada = new Registrant("Ada Lovelace", "ada@example.gov", Mentee, "HHS", "CMS", "Baltimore", "GS-11", [], ["Data Analytics", "Public Speaking"]);
        await mentee.GotoAsync(path);
        await Expect(mentee.Locator("#state")).ToContainTextAsync("Registration is open");
        await mentee.FillAsync(ada);
        await Expect(mentee.GetByRole(AriaRole.Group, new() { Name = "Your expertise" })).ToBeHiddenAsync();
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(mentee.Locator("#pf-consent-error")).ToContainTextAsync("privacy notice");
        await Expect(mentee.GetByLabel("Your name")).ToHaveValueAsync(ada.Name);
        await Expect(mentee.GetByRole(AriaRole.Group, new() { Name = "What you want to grow in" }).GetByLabel("Data Analytics")).ToBeCheckedAsync();
        await mentee.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "register.png"), FullPage = true });
        await NoSeriousAccessibilityProblems(mentee, "registration page");
        (await mentee.SidewaysOverflowAsync()).Should().BeLessThanOrEqualTo(0, "the registration page fits a 360 px phone");
        await mentee.GetByLabel("I have read the privacy notice and agree.").CheckAsync();
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Heading, new() { Name = "You are registered" })).ToBeVisibleAsync();
        await Expect(mentee.GetByLabel(new Regex("Your personal link"))).ToHaveValueAsync(new Regex("/profile#t="));

        // Two more mentees register.
        var others = new List<IPage>();
        foreach (var (name, email) in new[] { ("Alan Turing", "alan@example.gov"), ("Edsger Dijkstra", "edsger@example.gov") })
        {
            var phone = await (await browser.NewPhoneAsync()).NewPageAsync();
            others.Add(phone);
            await phone.RegisterAsync(path, new(name, email, Mentee, "VA", "", "Denver", "GS-9", [], ["Budget"]));
        }

        // Alan marks three mentors; a fourth is refused with the reason; he puts his third choice second.
        var alan = others[0];
        await alan.GetByRole(AriaRole.Link, new() { Name = "Find mentors" }).ClickAsync();
        foreach (var mentor in new[] { "Grace Hopper", "Katherine Johnson", "Mary Jackson" })
        {
            await MustMeetAsync(alan, mentor);
        }

        await Card(alan, "Dorothy Vaughan").GetByRole(AriaRole.Button, new() { Name = "Must meet" }).ClickAsync();
        await Expect(Card(alan, "Dorothy Vaughan")).ToContainTextAsync("You have marked 3 mentors you must meet, the most.");
        await Expect(Card(alan, "Dorothy Vaughan").GetByRole(AriaRole.Button, new() { Name = "Must meet" })).ToHaveAttributeAsync("aria-pressed", "false");
        await alan.GetByRole(AriaRole.Button, new() { Name = "Move Mary Jackson up to choice 2" }).ClickAsync();
        await Expect(alan.Locator("#must-meet li")).ToHaveTextAsync([new Regex("^Grace Hopper"), new Regex("^Mary Jackson"), new Regex("^Katherine Johnson")]);
        await Expect(alan.Locator("#save-state")).ToHaveTextAsync("Saved: 3 must meet, 0 no thanks.");

        // Ada searches the mentors of HHS who know data analytics, marks both "must meet", and one VA mentor "no thanks".
        await mentee.GetByRole(AriaRole.Link, new() { Name = "Find mentors" }).ClickAsync();
        await Expect(mentee.Locator("#results .mentor-card")).ToHaveCountAsync(4);
        await mentee.GetByLabel("Agency or OPDIV").SelectOptionAsync("HHS");
        await Expect(mentee.Locator("#results .mentor-card")).ToHaveCountAsync(3);
        await mentee.GetByLabel("Expertise").SelectOptionAsync("Data Analytics");
        await Expect(mentee.Locator("#results .mentor-card")).ToHaveCountAsync(2);
        await MustMeetAsync(mentee, "Grace Hopper");
        await MustMeetAsync(mentee, "Katherine Johnson");
        await Expect(mentee.Locator("#save-state")).ToHaveTextAsync("Saved: 2 must meet, 0 no thanks.");
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Clear the filters" }).ClickAsync();
        await Expect(mentee.Locator("#results .mentor-card")).ToHaveCountAsync(4);
        await Card(mentee, "Dorothy Vaughan").GetByRole(AriaRole.Button, new() { Name = "No thanks" }).ClickAsync();
        await Expect(mentee.Locator("#save-state")).ToHaveTextAsync("Saved: 2 must meet, 1 no thanks.");
        await Expect(mentee.Locator("#must-meet li")).ToHaveTextAsync([new Regex("^Grace Hopper"), new Regex("^Katherine Johnson")]);
        await Expect(Card(mentee, "Katherine Johnson").GetByRole(AriaRole.Button, new() { Name = "Must meet: choice 2" })).ToHaveAttributeAsync("aria-pressed", "true");
        await mentee.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "mentors.png"), FullPage = true });
        await NoSeriousAccessibilityProblems(mentee, "mentor search");
        (await mentee.SidewaysOverflowAsync()).Should().BeLessThanOrEqualTo(0, "the mentor search fits a 360 px phone");

        // Her profile lists the choices; the profile page passes the same checks.
        await mentee.GetByRole(AriaRole.Link, new() { Name = "Your profile" }).ClickAsync();
        await Expect(mentee.Locator("#choices-summary")).ToContainTextAsync("Must meet: 1. Grace Hopper, 2. Katherine Johnson. No thanks: Dorothy Vaughan.");
        await Expect(mentee.GetByLabel("Your name")).ToHaveValueAsync("Ada Lovelace");
        await mentee.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "profile.png"), FullPage = true });
        await NoSeriousAccessibilityProblems(mentee, "profile page");
        (await mentee.SidewaysOverflowAsync()).Should().BeLessThanOrEqualTo(0, "the profile page fits a 360 px phone");

        // The host sees the registrations and who is asked for, corrects an agency, closes registration and plans.
        await host.ReloadAsync();
        await Expect(host.Locator("#registrations tr")).ToHaveCountAsync(7);
        await Expect(host.Locator("#asked li").First).ToContainTextAsync("Grace Hopper (HHS/NIH): asked by 2 mentees, 2 as first choice.");
        await host.GetByRole(AriaRole.Button, new() { Name = "Edit Edsger Dijkstra" }).ClickAsync();
        var edit = host.GetByRole(AriaRole.Dialog);
        await edit.GetByLabel("Agency", new() { Exact = true }).FillAsync("GSA");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(edit).ToBeHiddenAsync();
        await Expect(host.Locator("#registrations tr").Filter(new() { HasText = "Edsger Dijkstra" })).ToContainTextAsync("GSA");
        await Expect(host.Locator("#mail-off")).ToContainTextAsync("E-mail is off");
        await host.GetByRole(AriaRole.Button, new() { Name = "Close registration and plan" }).ClickAsync();
        await Expect(host.Locator("#quality-words")).ToContainTextAsync("All 5 requests for a particular mentor met.");
        await Expect(host.Locator("#open-state")).ToContainTextAsync("Closed");
        await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-registration.png"), FullPage = true });
        await NoSeriousAccessibilityProblems(host, "host's registration page");
        (await host.SidewaysOverflowAsync()).Should().BeLessThanOrEqualTo(0, "the host's registration page fits a 360 px phone");

        // Ada's phone: the mentors she asked for are in her itinerary, marked; the one she declined never is.
        await mentee.GotoAsync("/me");
        await Expect(mentee.Locator("#itinerary li")).ToHaveCountAsync(3);
        await mentee.GetByText("Your whole itinerary").ClickAsync();
        foreach (var asked in new[] { "Grace Hopper", "Katherine Johnson" })
        {
            await Expect(mentee.GetByRole(AriaRole.Listitem).Filter(new() { HasText = asked })).ToContainTextAsync("You asked to meet");
        }

        await Expect(mentee.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Mary Jackson" })).Not.ToContainTextAsync("You asked to meet");
        await Expect(mentee.Locator("#itinerary")).Not.ToContainTextAsync("Dorothy Vaughan");
        await Expect(mentee.GetByRole(AriaRole.Link, new() { Name = "Find mentors" })).ToBeVisibleAsync();
        await mentee.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-asked.png"), FullPage = true });

        // "Add to calendar" downloads her itinerary: the event and each round with its mentor.
        var download = await mentee.RunAndWaitForDownloadAsync(() => mentee.GetByRole(AriaRole.Button, new() { Name = "Add to calendar" }).ClickAsync());
        download.SuggestedFilename.Should().Be("flash-mentoring.ics");
        var calendar = await File.ReadAllTextAsync((await download.PathAsync())!);
        Regex.Matches(calendar, "BEGIN:VEVENT").Should().HaveCount(4, "one event for the morning and one for each of its three rounds");
        calendar.Should().Contain("Grace Hopper").And.NotContain("Dorothy Vaughan");
        foreach (var phone in others)
        {
            await phone.Context.DisposeAsync();
        }
    }

    private static ILocator Card(IPage page, string mentor) =>
        page.Locator("#results .mentor-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = mentor, Exact = true }) });

    private static async Task MustMeetAsync(IPage page, string mentor)
    {
        await Card(page, mentor).GetByRole(AriaRole.Button, new() { Name = "Must meet" }).ClickAsync();
        await Expect(Card(page, mentor).GetByRole(AriaRole.Button, new() { Name = "Must meet: choice" })).ToHaveAttributeAsync("aria-pressed", "true");
    }

    private async Task<(string Id, string HostKey)> CreateEventAsync()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Autumn Flash Mentoring", startsAt = DateTimeOffset.UtcNow.AddDays(14), rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("hostKey").GetString()!);
    }

    private async Task NoSeriousAccessibilityProblems(IPage page, string what)
    {
        var results = await page.RunAxe();
        foreach (var v in results.Violations)
        {
            output.WriteLine($"axe on the {what}: {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})");
        }

        results.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty($"the {what} must be usable with a screen reader and readable (axe-core)");
    }
}
