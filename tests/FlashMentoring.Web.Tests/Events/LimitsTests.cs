using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Events;

public partial class LimitsTests
{
    [Fact]
    public async Task EveryFormFieldThatNamesALimitCarriesTheServersNumberAsItsFallback()
    {
        using var app = new TestApp();
        var limits = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/limits");
        var pages = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "wwwroot"), "*.html");

        var fields = pages.SelectMany(page => Field().Matches(File.ReadAllText(page)).Select(m => (Page: Path.GetFileName(page), Tag: m.Value))).ToList();

        fields.Should().HaveCountGreaterThan(15, "the create, planner, kit, host and phone pages all name their limits");
        foreach (var (page, tag) in fields)
        {
            var name = Regex.Match(tag, "data-limit=\"(\\w+)\"").Groups[1].Value;
            var fallback = Regex.Match(tag, tag.Contains("type=\"number\"", StringComparison.Ordinal) ? " max=\"(\\d+)\"" : "maxlength=\"(\\d+)\"").Groups[1].Value;
            limits.TryGetProperty(name, out var value).Should().BeTrue($"{page}: the server knows {name}");
            fallback.Should().Be(value.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), $"{page}: {tag}");
        }

        // Limits said in words ("up to 1,000 people") carry the server's number too.
        var texts = pages.SelectMany(page => Text().Matches(File.ReadAllText(page)).Select(m => (Page: Path.GetFileName(page), Name: m.Groups[1].Value, Fallback: m.Groups[2].Value))).ToList();
        texts.Select(t => t.Page).Should().Contain(["plan.html", "kit.html"], "the planner and the kit page say how big a room they take without an event");
        foreach (var (page, name, fallback) in texts)
        {
            limits.TryGetProperty(name, out var value).Should().BeTrue($"{page}: the server knows {name}");
            fallback.Should().Be(value.GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), $"{page}: {name}");
        }
    }

    [Fact]
    public async Task TheLimitsWithoutAnEventAreSmallerThanAnEventsAndSaidApart()
    {
        using var app = new TestApp();

        var limits = await app.CreateClient().GetFromJsonAsync<LimitsView>("/api/limits");

        limits!.MaxRoundsWithoutEvent.Should().Be(12).And.BeLessThan(limits.MaxRounds);
        limits.MaxSeatsWithoutEvent.Should().Be(10).And.BeLessThan(limits.MaxSeatsPerTable);
        limits.MaxPeopleWithoutEvent.Should().Be(1_000).And.BeLessThan(limits.MaxRosterPeople);
        limits.MaxTables.Should().Be(100);
    }

    [GeneratedRegex("<(?:input|textarea)[^>]*data-limit=\"\\w+\"[^>]*>")]
    private static partial Regex Field();

    [GeneratedRegex("data-limit-text=\"(\\w+)\">([^<]*)<")]
    private static partial Regex Text();
}
