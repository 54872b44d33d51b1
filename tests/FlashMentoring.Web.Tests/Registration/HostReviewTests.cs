using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>The host's review of registrations: completeness, edits, removals, a CSV on top, planning, and deleting it all.</summary>
public sealed class HostReviewTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-registration-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<JsonElement> Review(RegistrationDriver driver) =>
        await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/registrations");

    private static JsonElement Named(JsonElement review, string name) =>
        review.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    [Fact]
    public async Task TheReviewSaysWhatEachPersonIsMissing()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        await driver.RegisterAsync("Mona Lisa", "mona@nih.gov", "mentor", "HHS/NIH", []);
        await driver.RegisterAsync("Ann Lee", "ann@va.gov", "mentee", "", needs: ["Budget"]);

        var review = await Review(driver);

        Named(review, "Mona Lisa").GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should().Equal("expertise");
        Named(review, "Ann Lee").GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should().Equal("agency");
        Named(review, "Ann Lee").GetProperty("email").GetString().Should().Be("ann@va.gov", "the host sees contact details");
        review.GetProperty("totals").GetProperty("incomplete").GetInt32().Should().Be(2);
        review.GetProperty("totals").GetProperty("people").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task TheHostEditsAPersonAndAChangedEmailFollowsThemIntoOthersChoices()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        await driver.RegisterAsync("Mona Lisa", "mona@nih.gov", "mentor", "HHS/NIH", ["Budget"]);
        var ann = driver.Person(await driver.RegisterAsync("Ann Lee", "ann@va.gov", "mentee", "VA", needs: ["Budget"]));
        var monaId = Named(await Review(driver), "Mona Lisa").GetProperty("id").GetInt64();
        (await ann.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { monaId } })).EnsureSuccessStatusCode();

        var edited = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/people/{monaId}", new { name = "Mona L. Lisa", email = "mona.lisa@nih.gov", role = "mentor", agency = "HHS/NIH", expertise = new[] { "Budget", "Writing" } });
        var bad = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/people/{monaId}", new { name = "", role = "mentor" });

        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString().Should().Be("mona.lisa@nih.gov");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue();
        var profile = await ann.GetFromJsonAsync<JsonElement>("/api/me/profile");
        profile.GetProperty("mustMeet").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal(["Mona L. Lisa"], "Ann's choice follows Mona to her new e-mail");
    }

    [Fact]
    public async Task ACsvOnTopUpdatesRegistrantsByEmailAddsNewPeopleReportsBadLinesAndRemovesNobody()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        var monaToken = await driver.RegisterAsync("Mona Lisa", "mona@nih.gov", "mentor", "HHS/NIH", ["Budget"]);
        var ann = driver.Person(await driver.RegisterAsync("Ann Lee", "ann@va.gov", "mentee", "VA", needs: ["Budget"]));
        var monaId = Named(await Review(driver), "Mona Lisa").GetProperty("id").GetInt64();
        (await ann.PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { monaId } })).EnsureSuccessStatusCode();
        const string Csv = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid\n" +
                           "mentor,Mona Lisa,MONA@nih.gov,HHS/NIH,Rockville,SES,Budget;Leading Change,,,,\n" +
                           "mentee,Ann Lee,ann@va.gov,VA/VHA,,GS-11,,Budget;Writing,,,\n" +
                           "mentr,Typo Person,typo@va.gov,VA,,,,,,,\n" +
                           "mentee,Ben Okafor,ben@va.gov,VA,,GS-9,,Writing,,,\n";

        var answer = await driver.Host.PostAsync($"/api/events/{driver.Id}/people/import", new StringContent(Csv, Encoding.UTF8, "text/csv"));

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var result = await answer.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("added").GetInt32().Should().Be(1);
        result.GetProperty("updated").GetInt32().Should().Be(2);
        result.GetProperty("rejected").EnumerateArray().Single().GetProperty("line").GetInt32().Should().Be(4, "the bad line is reported with its number");
        var review = await Review(driver);
        review.GetProperty("people").GetArrayLength().Should().Be(3, "nobody is doubled and nobody removed");
        Named(review, "Mona Lisa").GetProperty("location").GetString().Should().Be("Rockville");
        Named(review, "Mona Lisa").GetProperty("source").GetString().Should().Be("registration");
        Named(review, "Ann Lee").GetProperty("mustMeet").EnumerateArray().Select(m => m.GetString()).Should().Equal(["Mona Lisa"], "a line without prefers keeps the choices she made");
        Named(review, "Ben Okafor").GetProperty("source").GetString().Should().Be("roster");
        (await driver.Person(monaToken).GetFromJsonAsync<JsonElement>("/api/me/profile")).GetProperty("grade").GetString().Should().Be("SES", "her personal link still opens her, updated");
        (await driver.ReadAsync(db => db.Plans.CountAsync())).Should().Be(0, "importing makes no plan");
    }

    [Fact]
    public async Task UploadingARosterThatLeavesOutRegisteredPeopleKeepsThemForTheNextPlan()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        var dee = await driver.RegisterAsync("Dee Walker", "dee@va.gov", "mentee", "VA", needs: ["Budget"]);

        var upload = await driver.Host.PutAsync($"/api/events/{driver.Id}/roster", new StringContent(TestApp.TinyRoster, Encoding.UTF8, "text/csv"));
        var planned = await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null);

        upload.StatusCode.Should().Be(HttpStatusCode.OK);
        (await upload.Content.ReadAsStringAsync()).Should().Contain("1 registered person not on this roster is kept");
        planned.StatusCode.Should().Be(HttpStatusCode.OK);
        var me = await driver.Person(dee).GetFromJsonAsync<JsonElement>("/api/me");
        me.GetProperty("rounds").EnumerateArray().Should().Contain(r => r.GetProperty("table").ValueKind == JsonValueKind.Number, "planning from everyone seats her");
        (await Review(driver)).GetProperty("people").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public async Task ARosterLineForARegistrantWithoutPreferencesKeepsTheMentorsSheChose()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        await driver.RegisterAsync("Omar Khayyam", "omar@opm.gov", "mentor", "OPM", ["Writing"]);
        var dee = await driver.RegisterAsync("Dee Walker", "dee@va.gov", "mentee", "VA", needs: ["Budget"]);
        var omar = Named(await Review(driver), "Omar Khayyam").GetProperty("id").GetInt64();
        (await driver.Person(dee).PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { omar } })).EnsureSuccessStatusCode();

        var roster = "role,name,email,agency\nmentor,Omar Khayyam,omar@opm.gov,OPM\nmentor,Mona Lisa,mona@nih.gov,HHS/NIH\nmentee,Dee Walker,dee@va.gov,VA/VHA\nmentee,Ben Okafor,ben@va.gov,VA\n";
        (await driver.Host.PutAsync($"/api/events/{driver.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        var profile = await driver.Person(dee).GetFromJsonAsync<JsonElement>("/api/me/profile");
        profile.GetProperty("agency").GetString().Should().Be("VA/VHA", "the file's line updates her profile");
        profile.GetProperty("mustMeet").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal(["Omar Khayyam"], "a line naming no preference does not erase hers");
    }

    [Fact]
    public async Task RemovingAPlannedMenteeFreesTheirSeatAndMovesNobodyElse()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        await driver.RegisterAsync("Mona Lisa", "mona@nih.gov", "mentor", "HHS/NIH", ["Budget"]);
        await driver.RegisterAsync("Omar Khayyam", "omar@opm.gov", "mentor", "OPM", ["Writing"]);
        foreach (var name in new[] { "Ann", "Ben", "Cy" })
        {
            await driver.RegisterAsync(name + " Lee", name.ToLowerInvariant() + "@va.gov", "mentee", "VA", needs: ["Budget"]);
        }

        (await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null)).EnsureSuccessStatusCode();
        var before = await Seats(driver);
        var benId = Named(await Review(driver), "Ben Lee").GetProperty("id").GetInt64();

        var removed = await driver.Host.DeleteAsync($"/api/events/{driver.Id}/people/{benId}");

        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = await Seats(driver);
        after.Should().NotContainKey("Ben Lee");
        after.Should().BeEquivalentTo(before.Where(s => s.Key != "Ben Lee").ToDictionary(), "nobody else changes table");
        (await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/plan")).ToString().Should().NotContain("Ben Lee");

        var monaId = Named(await Review(driver), "Mona Lisa").GetProperty("id").GetInt64();
        (await driver.Host.DeleteAsync($"/api/events/{driver.Id}/people/{monaId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var plan = await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/plan");
        plan.ToString().Should().NotContain("Mona Lisa", "a removed mentor's table is planned away");
        plan.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("tables").EnumerateArray()).SelectMany(t => t.GetProperty("mentees").EnumerateArray())
            .Select(m => m.GetProperty("name").GetString()).Distinct().Should().BeEquivalentTo(["Ann Lee", "Cy Lee"], "her mentees are seated with the mentor left");

        (await driver.Host.PostAsync($"/api/events/{driver.Id}/clock/start", null)).EnsureSuccessStatusCode();
        var late = await driver.Host.DeleteAsync($"/api/events/{driver.Id}/people/{Named(await Review(driver), "Ann Lee").GetProperty("id").GetInt64()}");
        late.StatusCode.Should().Be(HttpStatusCode.Conflict, "nobody is removed once the event has started");
    }

    private static async Task<Dictionary<string, List<int>>> Seats(RegistrationDriver driver) =>
        await driver.ReadAsync(async db => (await db.People.Where(p => p.EventId == driver.Id && p.Seating.Table == null).ToListAsync())
            .ToDictionary(p => p.Name, p => p.Seating.Seats));

    [Fact]
    public async Task DeletingTheEventDeletesRegistrationsChoicesAndMail()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now), mail: true);
        var driver = await RegistrationDriver.OpenAsync(app);
        (await driver.RegisterAsync(new { name = "Mona Lisa", email = "mona@nih.gov", role = "mentor", expertise = new[] { "Budget" }, consent = true })).EnsureSuccessStatusCode();
        (await driver.RegisterAsync(new { name = "Ann Lee", email = "ann@va.gov", role = "mentee", consent = true })).EnsureSuccessStatusCode();
        var token = await driver.ReadAsync(db => db.People.Where(p => p.Name == "Ann Lee").Select(p => p.Token).SingleAsync());
        var monaId = Named(await Review(driver), "Mona Lisa").GetProperty("id").GetInt64();
        (await driver.Person(token).PutAsJsonAsync("/api/me/mentor-choices", new { mustMeet = new[] { monaId } })).EnsureSuccessStatusCode();
        (await driver.ReadAsync(db => db.Mail.CountAsync())).Should().Be(2);

        (await driver.Host.DeleteAsync($"/api/events/{driver.Id}")).EnsureSuccessStatusCode();

        (await driver.ReadAsync(db => db.People.CountAsync())).Should().Be(0, "registrations, with the choices they hold, are gone");
        (await driver.ReadAsync(db => db.Mail.CountAsync())).Should().Be(0, "the mail log is gone");
        (await app.CreateClient().GetAsync($"/api/register/{driver.Code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await driver.Person(token).GetAsync("/api/me/profile")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheSameEmailRegisteringManyTimesAtOnceIsStoredOnce()
    {
        using var app = new TestApp { DataFolder = folder, Time = new FakeTimeProvider(RegistrationDriver.Now) };
        var driver = await RegistrationDriver.OpenAsync(app);
        var browsers = new List<HttpClient>();
        for (var k = 0; k < 8; k++)
        {
            var browser = app.CreateClient();
            (await browser.GetAsync($"/api/register/{driver.Code}")).EnsureSuccessStatusCode();
            browsers.Add(browser);
        }

        var answers = await Task.WhenAll(browsers.Select((b, k) => b.PostAsJsonAsync($"/api/register/{driver.Code}", new { name = $"Ann Lee {k}", email = "ann@va.gov", role = "mentee", consent = true })));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.Accepted);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        (await driver.ReadAsync(db => db.People.CountAsync(p => p.EventId == driver.Id))).Should().Be(1);
    }
}
