using System.Text;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Roster;

/// <summary>Hostile input, at volume: the parser never throws, and every line it is given is accounted for.</summary>
public class RosterFuzzTests
{
    private const int Inputs = 10_000;
    private static readonly string[] Noise = ["", " ", ",", ";", "\"", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "Nguyễn", "李娜", "\u0000", "\t", "mentr", "both", "MENTOR", "GS-99", "x@y", new string('a', 600)];

    [Fact]
    public void TenThousandRandomAndMutatedRostersNeverThrowAndEveryLineIsAPersonOrARejection()
    {
        var random = new Random(20261122);
        var exactChecked = 0;
        for (var k = 0; k < Inputs; k++)
        {
            var (text, exact) = (k % 4) switch
            {
                0 => (LineMutations(random), true),
                1 => (CharacterMutations(random), false),
                2 => (Garbage(random), false),
                _ => (RosterParser.Decode(Bytes(random)).Text, false),
            };

            RosterImport result;
            try
            {
                result = RosterParser.Parse(text);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Input {k} threw: {ex.Message}\n---\n{text[..Math.Min(text.Length, 2000)]}", ex);
            }

            // CsvHelper, like Excel, ends a line at CRLF, LF or a lone CR.
            var lineCount = System.Text.RegularExpressions.Regex.Split(text, "\r\n|\n|\r").Length;
            var lines = result.People.Select(p => p.Line).Concat(result.Rejected.Select(r => r.Line)).ToList();
            lines.Should().OnlyHaveUniqueItems($"input {k}: no line is both a person and a rejection").And.NotContain(l => l < 1 || l > lineCount, $"input {k} has {lineCount} lines");
            if (exact)
            {
                // Header kept, no quotes added: every non-blank line after the header is exactly one of the two.
                var expected = text.Split('\n').Select((l, i) => (Text: l.Trim(), Number: i + 1)).Skip(1)
                    .Where(l => l.Text.Length > 0 && l.Text.Any(c => c != ',')).Select(l => l.Number);
                lines.Should().BeEquivalentTo(expected, $"input {k}");
                exactChecked++;
            }
        }

        exactChecked.Should().Be(Inputs / 4);
    }

    // A generated roster whose lines are edited without touching quoting: roles, names, emails, extra and missing columns, duplicates.
    private static string LineMutations(Random random)
    {
        var csv = RosterGenerator.Csv(new RosterGenerator.Options(random.Next(1, 12), random.Next(1, 5), Seed: random.Next()));
        var lines = csv.TrimEnd('\n').Split('\n').ToList();
        for (var edits = random.Next(0, 6); edits > 0 && lines.Count > 1; edits--)
        {
            var at = random.Next(1, lines.Count);
            var line = lines[at];
            var plain = !line.Contains('"', StringComparison.Ordinal);
            lines[at] = random.Next(7) switch
            {
                0 when plain => string.Join(',', line.Split(',').Select((f, i) => i == 0 ? Pick(random, ["mentr", "", "guest", "Mentor", "both"]) : f)),
                1 when plain => string.Join(',', line.Split(',').Select((f, i) => i == 1 ? Pick(random, ["", " ", "<b>Bold</b>", "=SUM(A1)", "Zoë O'Brien"]) : f)),
                2 when plain => string.Join(',', line.Split(',').Take(random.Next(1, 11))),
                3 => line + string.Concat(Enumerable.Repeat(",extra", random.Next(1, 4))),
                4 => lines[random.Next(1, lines.Count)],
                5 => "",
                _ => line,
            };
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string CharacterMutations(Random random)
    {
        var text = new StringBuilder(RosterGenerator.Csv(new RosterGenerator.Options(random.Next(0, 8), random.Next(0, 4), Seed: random.Next())));
        for (var edits = random.Next(1, 12); edits > 0; edits--)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    text.Insert(at, Pick(random, Noise.Concat(["\n", "\r\n", "\"\"", ",,,,"]).ToArray()));
                    break;
                case 1 when at < text.Length:
                    text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
                    break;
                default:
                    text.Insert(at, (char)random.Next(0, 0x3000));
                    break;
            }
        }

        return text.ToString();
    }

    private static string Garbage(Random random)
    {
        var text = new StringBuilder(random.Next(2) == 0 ? RosterParser.TemplateHeader + "\n" : "");
        for (var n = random.Next(0, 60); n > 0; n--)
        {
            text.Append(random.Next(4) == 0 ? Pick(random, Noise) : ((char)random.Next(32, 127)).ToString());
            if (random.Next(8) == 0)
            {
                text.Append(random.Next(2) == 0 ? ',' : '\n');
            }
        }

        return text.ToString();
    }

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
