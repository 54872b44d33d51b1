using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>Mentees search the mentors, mark must meet and no thanks, and the plan honours it; mentors see who asked, later.</summary>
public class MentorChoiceTests
{
    private static async Task<(RegistrationDriver Driver, Dictionary<string, string> Tokens)> RegisteredAsync(TestApp app)
    {
        var driver = await RegistrationDriver.OpenAsync(app);
        var tokens = new Dictionary<string, string>
        {
            ["Mona"] = await driver.RegisterAsync("Mona Lisa", "mona@nih.hhs.gov", "mentor", "HHS/NIH", ["Budget", "Leading People"], location: "Bethesda, MD"),
            ["Omar"] = await driver.RegisterAsync("Omar Khayyam", "omar@opm.gov", "mentor", "OPM", ["Public Speaking"], location: "Washington, DC"),
            ["Pia"] = await driver.RegisterAsync("Pia Sun", "pia@cdc.hhs.gov", "mentor", "HHS/CDC", ["Data Analytics", "Budget"], location: "Atlanta, GA"),
            ["Raj"] = await driver.RegisterAsync("Raj Roy", "raj@gsa.gov", "both", "GSA", ["Negotiation"], location: "Denver, CO"),
            ["Ann"] = await driver.RegisterAsync("Ann Lee", "ann@va.gov", "mentee", "VA", needs: ["Budget"]),
            ["Ben"] = await driver.RegisterAsync("Ben Okafor", "ben@va.gov", "mentee", "VA", needs: ["Public Speaking"]),
            ["Cy"] = await driver.RegisterAsync("Cy Young", "cy@gsa.gov", "mentee", "GSA", needs: ["Data Analytics"]),
            ["Eve"] = await driver.RegisterAsync("Eve Stone", "eve@opm.gov", "mentee", "OPM", needs: ["Negotiation"]),
        };
        if (tokens.Values.Any(string.IsNullOrEmpty))
        {
            var links = await driver.TokensAsync();
            tokens = tokens.Keys.ToDictionary(k => k, k => links.Single(l => l.Key.StartsWith(k + " ", StringComparison.Ordinal)).Value);
        }

        return (driver, tokens);
    }

    private static async Task<Dictionary<string, long>> MentorIds(HttpClient mentee) =>
        (await mentee.GetFromJsonAsync<JsonElement>("/api/me/mentors")).GetProperty("mentors").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!.Split(' ')[0], m => m.GetProperty("id").GetInt64());

    private static async Task<List<string>> Found(HttpClient mentee, string query) =>
        (await mentee.GetFromJsonAsync<JsonElement>("/api/me/mentors" + query)).GetProperty("mentors").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task AMenteeFindsMentorsByNameAgencyOpdivLocationAndExpertiseAndNeverSeesAnEmail()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var (driver, tokens) = await RegisteredAsync(app);
        var ann = driver.Person(tokens["Ann"]);

        var all = await ann.GetStringAsync("/api/me/mentors");

        (await Found(ann, "")).Should().Equal("Mona Lisa", "Omar Khayyam", "Pia Sun", "Raj Roy");
        (await Found(ann, "?q=lisa")).Should().Equal("Mona Lisa");
        (await Found(ann, "?agency=HHS")).Should().Equal("Mona Lisa", "Pia Sun");
        (await Found(ann, "?agency=cdc")).Should().Equal("Pia Sun");
        (await Found(ann, "?location=atlanta")).Should().Equal("Pia Sun");
        (await Found(ann, "?expertise=budget")).Should().Equal("Mona Lisa", "Pia Sun");
        (await Found(ann, "?agency=HHS&expertise=Data%20Analytics")).Should().Equal("Pia Sun");
        (await Found(ann, "?expertise=Budg")).Should().BeEmpty("expertise must be one of theirs, not part of one");
        all.Should().NotContain("@", "no e-mail of anyone reaches a participant");
        var facets = await ann.GetFromJsonAsync<JsonElement>("/api/me/mentors");
        facets.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()).Should().Contain(["HHS", "NIH", "HHS/NIH", "OPM"]);
        facets.GetProperty("expertise").EnumerateArray().Select(a => a.GetString()).Should().Contain("Negotiation");
        (await driver.Person(tokens["Mona"]).GetAsync("/api/me/mentors")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a mentor-only person does not choose mentors");
    }

    [Fact]
    public async Task ChoicesAreAtMostThreeMentorsOfThisEventNotYourselfAndNotBothWays()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var (driver, tokens) = await RegisteredAsync(app);
        var ann = driver.Person(tokens["Ann"]);
        var ids = await MentorIds(ann);
        var eveId = (await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/registrations")).GetProperty("people").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Eve Stone").GetProperty("id").GetInt64();
        var raj = driver.Person(tokens["Raj"]);
        var rajId = ids["Raj"];

        var four = await ann.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { ids["Mona"], ids["Omar"], ids["Pia"], ids["Raj"] } });
        var notAMentor = await ann.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { eveId } });
        var both = await ann.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { ids["Mona"] }, noThanks = new[] { ids["Mona"] } });
        var self = await raj.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { rajId } });
        var good = await ann.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { ids["Pia"], ids["Mona"] }, noThanks = new[] { ids["Omar"] } });

        foreach (var (answer, field) in new[] { (four, "mustMeet"), (notAMentor, "mustMeet"), (both, "noThanks"), (self, "mustMeet") })
        {
            answer.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the problem names {field}");
        }

        good.StatusCode.Should().Be(HttpStatusCode.OK);
        var saved = await good.Content.ReadFromJsonAsync<JsonElement>();
        saved.GetProperty("mustMeet").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Pia Sun", "Mona Lisa");
        saved.GetProperty("noThanks").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Omar Khayyam");
        var cards = (await ann.GetFromJsonAsync<JsonElement>("/api/me/mentors")).GetProperty("mentors").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetInt64());
        cards[ids["Pia"]].GetProperty("mustMeetRank").GetInt32().Should().Be(1);
        cards[ids["Mona"]].GetProperty("mustMeetRank").GetInt32().Should().Be(2);
        cards[ids["Omar"]].GetProperty("noThanks").GetBoolean().Should().BeTrue();
        var person = await driver.ReadAsync(db => db.People.SingleAsync(p => p.Name == "Ann Lee"));
        person.Profile.Prefers.Should().Equal("pia@cdc.hhs.gov", "mona@nih.hhs.gov");
        person.Profile.Avoid.Should().Equal("omar@opm.gov");
    }

    [Fact]
    public async Task ThePlanMeetsEveryMustMeetAndSeatsNoNoThanksPairAndTheHostSeesWhoIsAsked()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var (driver, tokens) = await RegisteredAsync(app);
        var wishes = new Dictionary<string, (string[] MustMeet, string[] NoThanks)>
        {
            ["Ann"] = (["Omar", "Pia"], ["Mona"]),
            ["Ben"] = (["Mona"], ["Pia"]),
            ["Cy"] = (["Mona", "Omar"], ["Raj"]),
            ["Eve"] = (["Mona"], []),
        };
        var keys = new Dictionary<string, string> { ["Mona"] = "mona@nih.hhs.gov", ["Omar"] = "omar@opm.gov", ["Pia"] = "pia@cdc.hhs.gov", ["Raj"] = "raj@gsa.gov", ["Ann"] = "ann@va.gov", ["Ben"] = "ben@va.gov", ["Cy"] = "cy@gsa.gov", ["Eve"] = "eve@opm.gov" };
        foreach (var (mentee, (mustMeet, noThanks)) in wishes)
        {
            var phone = driver.Person(tokens[mentee]);
            var ids = await MentorIds(phone);
            (await phone.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = mustMeet.Select(n => ids[n]), noThanks = noThanks.Select(n => ids[n]) })).EnsureSuccessStatusCode();
        }

        var review = await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/registrations");
        var planned = await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null);

        var mona = review.GetProperty("mentors")[0];
        mona.GetProperty("name").GetString().Should().Be("Mona Lisa", "the most asked mentor comes first");
        mona.GetProperty("asked").GetInt32().Should().Be(3);
        mona.GetProperty("askedFirst").GetInt32().Should().Be(3);
        review.GetProperty("totals").GetProperty("mustMeetAsked").GetInt32().Should().Be(6);
        planned.StatusCode.Should().Be(HttpStatusCode.OK, await planned.Content.ReadAsStringAsync());
        var plan = await planned.Content.ReadFromJsonAsync<JsonElement>();
        var together = plan.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("tables").EnumerateArray())
            .SelectMany(t => t.GetProperty("mentees").EnumerateArray().Select(m => (Mentee: m.GetProperty("key").GetString()!, Mentor: t.GetProperty("mentor").GetProperty("key").GetString()!)))
            .ToHashSet();
        foreach (var (mentee, (mustMeet, noThanks)) in wishes)
        {
            foreach (var mentor in mustMeet)
            {
                together.Should().Contain((keys[mentee], keys[mentor]), $"{mentee} must meet {mentor}");
            }

            foreach (var mentor in noThanks)
            {
                together.Should().NotContain((keys[mentee], keys[mentor]), $"{mentee} said no thanks to {mentor}");
            }
        }

        var me = await driver.Person(tokens["Ann"]).GetFromJsonAsync<JsonElement>("/api/me");
        var rows = me.GetProperty("rounds").EnumerateArray().ToList();
        rows.Should().HaveCount(3, "once planned, the phone shows every round");
        rows.Where(r => r.GetProperty("asked").GetBoolean()).Select(r => r.GetProperty("mentor").GetString()).Should().BeEquivalentTo(["Omar Khayyam", "Pia Sun"], "the rows of the mentors she asked for are marked");
    }

    [Fact]
    public async Task AMentorSeesWhoAskedForThemOnlyOnceTheInvitationsAreOutAndOnlyNamesAndNeeds()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now), mail: true);
        var (driver, tokens) = await RegisteredAsync(app);
        await AskForMonaAsync(driver, tokens);
        var mona = driver.Person(tokens["Mona"]);

        var before = await mona.GetFromJsonAsync<JsonElement>("/api/me/askers");
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null)).EnsureSuccessStatusCode();
        var plannedWhileOpen = await mona.GetFromJsonAsync<JsonElement>("/api/me/askers");
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/invitations", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var after = await mona.GetStringAsync("/api/me/askers");

        before.GetProperty("published").GetBoolean().Should().BeFalse();
        before.GetProperty("mentees").GetArrayLength().Should().Be(0, "nobody is shown before the plan is published");
        plannedWhileOpen.GetProperty("published").GetBoolean().Should().BeFalse("a plan made while registration is open is a draft: mentees may still change their choices");
        plannedWhileOpen.GetProperty("mentees").GetArrayLength().Should().Be(0);
        var shown = JsonDocument.Parse(after).RootElement;
        shown.GetProperty("published").GetBoolean().Should().BeTrue("the invitations publish the plan");
        shown.GetProperty("mentees").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Ann Lee", "Ben Okafor");
        shown.GetProperty("mentees")[0].GetProperty("needs").EnumerateArray().Select(n => n.GetString()).Should().Equal("Budget");
        after.Should().NotContain("@").And.NotContain("agency", "only names and needs");
    }

    [Fact]
    public async Task WithEmailOffAMentorSeesWhoAskedOnceTheHostHasClosedRegistrationAndPlanned()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var (driver, tokens) = await RegisteredAsync(app);
        await AskForMonaAsync(driver, tokens);
        var mona = driver.Person(tokens["Mona"]);

        (await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { open = false })).EnsureSuccessStatusCode();
        var closedNotPlanned = await mona.GetFromJsonAsync<JsonElement>("/api/me/askers");
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null)).EnsureSuccessStatusCode();
        var published = await mona.GetFromJsonAsync<JsonElement>("/api/me/askers");
        var profile = await mona.GetFromJsonAsync<JsonElement>("/api/me/profile");
        var mail = await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/mail");

        mail.GetProperty("enabled").GetBoolean().Should().BeFalse("no relay: invitations cannot go, so they cannot be what publishes the plan");
        closedNotPlanned.GetProperty("published").GetBoolean().Should().BeFalse("there is no plan yet");
        closedNotPlanned.GetProperty("mentees").GetArrayLength().Should().Be(0);
        published.GetProperty("published").GetBoolean().Should().BeTrue("registration is closed and the plan made: the host's \"Close registration and plan\"");
        published.GetProperty("mentees").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Ann Lee", "Ben Okafor");
        profile.GetProperty("event").GetProperty("published").GetBoolean().Should().BeTrue("the profile page says the same");
    }

    private static async Task AskForMonaAsync(RegistrationDriver driver, Dictionary<string, string> tokens)
    {
        foreach (var mentee in new[] { "Ann", "Ben" })
        {
            var phone = driver.Person(tokens[mentee]);
            (await phone.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { (await MentorIds(phone))["Mona"] } })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task ProfilesAndChoicesAreFixedOnceTheEventStarts()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var (driver, tokens) = await RegisteredAsync(app);
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null)).EnsureSuccessStatusCode();
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/clock/start", null)).EnsureSuccessStatusCode();
        var ann = driver.Person(tokens["Ann"]);

        var edit = await ann.PutAsJsonAsync("/api/me/profile", new { name = "Ann Changed", role = "mentee" });
        var choose = await ann.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = Array.Empty<long>() });
        var profile = await ann.GetFromJsonAsync<JsonElement>("/api/me/profile");

        edit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        choose.StatusCode.Should().Be(HttpStatusCode.Conflict);
        profile.GetProperty("name").GetString().Should().Be("Ann Lee");
        profile.GetProperty("event").GetProperty("started").GetBoolean().Should().BeTrue();
        profile.GetProperty("planned").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task APersonEditsTheirOwnProfileButNotTheirEmail()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var (driver, tokens) = await RegisteredAsync(app);
        var ann = driver.Person(tokens["Ann"]);

        var edited = await ann.PutAsJsonAsync("/api/me/profile", new { name = "Ann  Lee-Park", role = "mentee", agency = "VA/VHA", needs = new[] { "Budget", "Writing" } });
        var newEmail = await ann.PutAsJsonAsync("/api/me/profile", new { name = "Ann Lee", email = "someone@else.gov", role = "mentee" });

        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var view = await edited.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("name").GetString().Should().Be("Ann Lee-Park");
        view.GetProperty("email").GetString().Should().Be("ann@va.gov");
        view.GetProperty("needs").EnumerateArray().Select(n => n.GetString()).Should().Equal("Budget", "Writing");
        newEmail.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await newEmail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _).Should().BeTrue();
    }
}
