using FlashMentoring.Browser.Tests.Live;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Feedback;

[Collection(nameof(BrowserCollection))]
public class PhoneRatingTests(BrowserFixture browser)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentee,Ann Lee\nmentee,Ben Okafor\n";

    // Every text the rating status ever shows, and a count of the times the phone came live and the page had done all
    // it does then (a task after the event: an empty outbox's flush answers without the network, in microtasks).
    private const string WatchTheRatingStatus = """
        window.fmRateStatusTexts = [];
        window.fmOnlineSettled = 0;
        document.addEventListener('fm:online', () => setTimeout(() => window.fmOnlineSettled++, 0));
        document.addEventListener('DOMContentLoaded', () => {
          const status = document.getElementById('rate-status');
          new MutationObserver(() => { if (status.textContent) window.fmRateStatusTexts.push(status.textContent); })
            .observe(status, { childList: true, characterData: true, subtree: true });
        });
        """;

    [Fact]
    public async Task AFreshPhoneSeesWhatEachRatingMeansAndNoSentUnderARatingItNeverGave()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster, rounds: 2);
        await e.ClockAsync("start");
        await e.ClockAsync("skip", new { expectedRound = 1 });
        await using var context = await browser.NewPhoneAsync();
        await context.AddInitScriptAsync(WatchTheRatingStatus);
        var ann = await context.NewPageAsync();

        await ann.GotoAsync(e.Link("Ann Lee"));

        await Expect(ann.Locator("#rate-title")).ToHaveTextAsync("How was round 1 with Mona Lisa?");
        string[] meanings = ["1 Not useful", "2 A little useful", "3 Useful", "4 Quite useful", "5 Very useful"];
        await Expect(ann.Locator("#stars button")).ToHaveTextAsync(meanings);
        // The old "Sent." came once the phone was live (its outbox, empty, was flushed then): wait for that moment to pass.
        await ann.WaitForFunctionAsync("() => window.fmOnlineSettled > 0");
        (await ann.Locator("#rate-status").TextContentAsync()).Should().BeEmpty("this phone has sent nothing");
        (await ann.EvaluateAsync<string[]>("() => window.fmRateStatusTexts")).Should().BeEmpty("not even for a moment does it say anything was sent");
        // Readable at 360 px: every word of every button inside its button, every button on the screen.
        var clipped = await ann.EvaluateAsync<int>(@"() => [...document.querySelectorAll('#stars button')]
            .filter((b) => b.scrollWidth > b.clientWidth || b.getBoundingClientRect().right > window.innerWidth).length");
        clipped.Should().Be(0, "each rating's meaning fits its button on a 360 px phone");
        await ann.Locator("#rate-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-rating.png") });

        await ann.GetByRole(AriaRole.Button, new() { Name = "4 Quite useful" }).ClickAsync();
        await Expect(ann.Locator("#rate-status")).ToHaveTextAsync("Sent.");
        await Expect(ann.Locator("#rate-title")).ToHaveTextAsync("Round 1: 4 of 5, quite useful. Thank you!");
    }

    [Fact]
    public async Task AMentorsKeepInTouchBoxesEachSitOnTheirOwnRowBesideTheirName()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster, rounds: 1);
        await using var context = await browser.NewPhoneAsync();
        var mona = await context.NewPageAsync();
        await mona.GotoAsync(e.Link("Mona Lisa"));
        await Expect(mona.Locator("#go-to")).ToHaveTextAsync("Go to Table 1");

        await e.FinishAsync();

        var ann = mona.GetByRole(AriaRole.Checkbox, new() { Name = "Ann Lee" });
        var ben = mona.GetByRole(AriaRole.Checkbox, new() { Name = "Ben Okafor" });
        await Expect(ann).ToBeVisibleAsync();
        var annRow = (await mona.Locator("#choices label").Filter(new() { HasText = "Ann Lee" }).BoundingBoxAsync())!;
        var benRow = (await mona.Locator("#choices label").Filter(new() { HasText = "Ben Okafor" }).BoundingBoxAsync())!;
        var annBox = (await ann.BoundingBoxAsync())!;
        var benBox = (await ben.BoundingBoxAsync())!;
        benRow.Y.Should().BeGreaterThanOrEqualTo(annRow.Y + annRow.Height, "each mentee has a row of their own");
        annBox.Y.Should().BeInRange(annRow.Y, annRow.Y + annRow.Height, "Ann's box is on Ann's row");
        benBox.Y.Should().BeInRange(benRow.Y, benRow.Y + benRow.Height, "Ben's box is on Ben's row");
        annBox.X.Should().BeApproximately(benBox.X, 1, "the boxes line up, one under the other");
        await mona.Locator("#after-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-keep-in-touch-mentor.png") });
    }
}
