using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Roster;

[Collection(nameof(BrowserCollection))]
public class RosterUploadTests(BrowserFixture browser)
{
    // Saved by an old Excel as "CSV (Comma delimited)": Latin-1, not UTF-8.
    private static readonly byte[] Latin1Roster = Encoding.Latin1.GetBytes(
        "role,name,email,agency\nmentor,Zoë Adams,zoe@va.gov,VA\nmentor,Xavier Côté,xavier@opm.gov,OPM\nmentee,Wendy Dú,wendy@gsa.gov,GSA\nmentee,Victor Eñe,victor@gsa.gov,GSA\n");

    private static FilePayload File() => new() { Name = "roster-excel.csv", MimeType = "text/csv", Buffer = Latin1Roster };

    [Fact]
    public async Task ALatin1RosterUploadedOnTheHostConsoleShowsItsAccentsAndTheEncodingWarningAlsoAfterAReload()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Accents", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync(created.GetProperty("hostLink").GetString()!);

        // The roster card shows once the console's script knows the stage; a file picked earlier went nowhere.
        var fileInput = host.GetByLabel("Upload a CSV file");
        await Expect(fileInput).ToBeVisibleAsync();
        await fileInput.SetInputFilesAsync(File());
        await Expect(host.Locator("#file-note")).ToContainTextAsync("roster-excel.csv");
        await host.GetByRole(AriaRole.Button, new() { Name = "Upload and plan" }).ClickAsync();

        await Expect(host.Locator("#warnings")).ToContainTextAsync("read as Latin-1");
        await Expect(host.Locator("#people")).ToContainTextAsync("Wendy Dú");
        await Expect(host.Locator("#people")).ToContainTextAsync("Victor Eñe");
        await Expect(host.Locator("#grid")).ToContainTextAsync("Xavier Côté");
        await host.ReloadAsync();
        await Expect(host.Locator("#warnings")).ToContainTextAsync("read as Latin-1", new() { Timeout = 10_000 });
        await Expect(host.Locator("#grid")).ToContainTextAsync("Zoë Adams");
        (await host.ContentAsync()).Should().NotContain("\uFFFD", "no accent was lost on the way");
    }

    [Fact]
    public async Task OnThePlannerPageAFileChosenBeforeThePageScriptHasLoadedIsNamedAndPlanned()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        // A cold start or a slow laptop: the form is on screen before its script has arrived.
        var picked = new TaskCompletionSource();
        await page.RouteAsync("**/js/plan.js", async route => { await picked.Task; await route.ContinueAsync(); });
        await page.GotoAsync("/plan.html", new() { WaitUntil = WaitUntilState.Commit });

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Plan the rotation" });
        await Expect(button).ToBeDisabledAsync();
        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(File());
        picked.SetResult();

        await Expect(page.Locator("#file-note")).ToContainTextAsync("roster-excel.csv");
        await button.ClickAsync();
        await Expect(page.Locator("#grid")).ToContainTextAsync("Wendy Dú");
    }

    [Fact]
    public async Task ALatin1RosterOnThePlannerPageShowsItsAccentsAndTheEncodingWarning()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/plan.html");

        await page.Locator("#file").SetInputFilesAsync(File());
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the rotation" }).ClickAsync();

        await Expect(page.Locator("#warnings")).ToContainTextAsync("read as Latin-1");
        await Expect(page.Locator("#grid")).ToContainTextAsync("Wendy Dú");
        (await page.ContentAsync()).Should().NotContain("\uFFFD");
    }
}
