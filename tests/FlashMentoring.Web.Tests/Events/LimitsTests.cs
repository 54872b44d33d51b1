using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

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
    }

    [GeneratedRegex("<(?:input|textarea)[^>]*data-limit=\"\\w+\"[^>]*>")]
    private static partial Regex Field();
}
