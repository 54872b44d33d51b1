using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Tests.Wording;

public partial class TextsTests
{
    public static TheoryData<string> OtherLanguages() => new(Texts.Languages.Select(l => l.Code).Where(c => c != Texts.Default));

    [Fact]
    public void EnglishAndSpanishAreBothThere()
    {
        Texts.Languages.Select(l => l.Code).Should().StartWith("en").And.Contain("es");
        Texts.For("es").Name.Should().Be("Español");
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void EveryLanguageHasExactlyTheKeysEnglishHas(string code)
    {
        var english = Texts.English.Entries.Keys.ToHashSet();
        var other = Texts.For(code).Entries.Keys.ToHashSet();

        english.Except(other).Should().BeEmpty($"every English text needs its {code} translation (add it to locales/{code})");
        other.Except(english).Should().BeEmpty($"a {code} text with no English one is a key that was renamed or removed");
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void ATranslationFillsTheSamePlaceholdersAndHasTheSamePluralShape(string code)
    {
        var wrong = new List<string>();
        foreach (var (key, english) in Texts.English.Entries)
        {
            if (!Texts.For(code).Entries.TryGetValue(key, out var other))
            {
                continue;
            }

            if (english.ValueKind != other.ValueKind)
            {
                wrong.Add($"{key}: a {english.ValueKind} in English, a {other.ValueKind} in {code}");
                continue;
            }

            var (a, b) = (Placeholders(english), Placeholders(other));
            if (!a.SetEquals(b))
            {
                wrong.Add($"{key}: English fills {{{string.Join("}, {", a)}}}, {code} fills {{{string.Join("}, {", b)}}}");
            }

            if (english.ValueKind == JsonValueKind.Object && !other.TryGetProperty("other", out _))
            {
                wrong.Add($"{key}: no \"other\" form in {code}");
            }
        }

        wrong.Should().BeEmpty();
    }

    [Theory]
    [InlineData("es-MX,es;q=0.9,en;q=0.8", "es")]
    [InlineData("fr-FR,fr;q=0.9,es;q=0.5,en;q=0.7", "en")]
    [InlineData("fr-FR", null)]
    [InlineData("en-US;q=0.4,es;q=0.9", "es")]
    [InlineData("", null)]
    public void TheBrowsersFirstLanguageTheAppSpeaksIsChosen(string header, string? expected) =>
        Texts.Best(header).Should().Be(expected);

    [Fact]
    public void CountsOrdinalsAndTimesAreWrittenTheWayEachLanguageWritesThem()
    {
        var es = Texts.For("es");
        es.Plural("common.rounds", 1).Should().Be("1 ronda");
        es.Plural("common.rounds", 1200).Should().Be("1.200 rondas");
        es.Ordinal(3, feminine: true).Should().Be("3.ª");
        Texts.English.Ordinal(3).Should().Be("3rd");
        es.Duration(TimeSpan.FromMinutes(2)).Should().Be("2 minutos");
        Texts.English.Duration(TimeSpan.FromHours(2)).Should().Be("2 hours");
        es.T("common.table", ("n", 19)).Should().Be("Mesa 19");
    }

    [Fact]
    public void AnUnknownLanguageFallsBackToEnglish() =>
        Texts.For("xx").T("common.round", ("n", 2)).Should().Be("Round 2");

    private static HashSet<string> Placeholders(JsonElement value) =>
        (value.ValueKind == JsonValueKind.String ? [value.GetString()!] : value.EnumerateObject().Select(p => p.Value.GetString()!))
        .SelectMany(s => Placeholder().Matches(s).Select(m => m.Value)).ToHashSet();

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();
}
