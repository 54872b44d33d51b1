using System.Text;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Roster;

public class RosterParserTests
{
    private const string Header = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid";

    [Fact]
    public void TheSampleRosterImportsTwentyFiveMentorsAndOneHundredMenteesWithNothingRejected()
    {
        var import = RosterParser.Parse(File.ReadAllText(Path.Combine("samples", "roster-100x25.csv")));

        import.Rejected.Should().BeEmpty();
        import.Warnings.Should().BeEmpty();
        import.Mentors.Should().HaveCount(25);
        import.Mentees.Should().HaveCount(100);
        import.People.Should().Contain(p => p.Prefers.Count > 0);
    }

    [Fact]
    public void TheBlankTemplateIsJustTheHeaderAndImportsNobody()
    {
        var text = File.ReadAllText(Path.Combine("samples", "roster-template.csv"));

        text.Trim().Should().Be(RosterParser.TemplateHeader);
        var import = RosterParser.Parse(text);
        import.People.Should().BeEmpty();
        import.Rejected.Should().BeEmpty();
    }

    [Fact]
    public void BadLinesAreRejectedWithTheirLineNumberAndWhatToFix()
    {
        var csv = string.Join('\n',
            Header,
            "mentor,Ada Lovelace,ada@opm.gov,OPM,,SES,Leading Change,,,,",
            "mentee,,blank@opm.gov,OPM,,GS-9,,Budget,,,",
            "Mentr,Typo Person,typo@opm.gov,OPM,,GS-9,,Budget,,,",
            "mentee,Second Ada,ADA@opm.gov,OPM,,GS-7,,Budget,,,",
            "mentee,Too Few,few@opm.gov",
            "mentee,Grace Hopper,grace@navy.mil,DOD,,GS-12,,Leading Change,,Ada Lovelace,");

        var import = RosterParser.Parse(csv);

        import.People.Select(p => p.Name).Should().Equal("Ada Lovelace", "Grace Hopper");
        import.Rejected.Select(r => r.Line).Should().Equal(3, 4, 5, 6);
        import.Rejected[0].Reason.Should().Contain("name is blank");
        import.Rejected[1].Reason.Should().Contain("Unknown role \"Mentr\"").And.Contain("mentor, mentee or both");
        import.Rejected[2].Reason.Should().Contain("Duplicate email ada@opm.gov").And.Contain("line 2");
        import.Rejected[3].Reason.Should().Contain("Expected 11 columns").And.Contain("found 3");
        import.People[1].Prefers.Should().Equal("ada@opm.gov");
    }

    [Fact]
    public void ExcelExportsWithBomCrlfQuotesAndAnyScriptImport()
    {
        var csv = "\uFEFF" + Header + "\r\n" +
                  "mentor,\"O'Brien, Seán\",sean@hhs.gov,HHS/NIH,\"Bethesda, MD\",GS-15,\"Budget;Leading People\",,,,\r\n" +
                  "mentee,李娜,li.na@hhs.gov,HHS/CDC,\"Atlanta, GA\",GS-9,,Budget,\"Says \"\"hi\"\"\",sean@hhs.gov,\r\n" +
                  "mentee,Nguyễn Thị Lan,,VA,,GS-7,,Leading People,,,,,,\r\n" +
                  ",,,,,,,,,,\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv[1..])).ToArray();

        var import = RosterParser.Parse(new MemoryStream(bytes));

        import.Rejected.Should().BeEmpty();
        import.People.Select(p => p.Name).Should().Equal("O'Brien, Seán", "李娜", "Nguyễn Thị Lan");
        import.People[0].Location.Should().Be("Bethesda, MD");
        import.People[0].Expertise.Should().Equal("Budget", "Leading People");
        import.People[1].Goals.Should().Be("Says \"hi\"");
        import.People[1].Prefers.Should().Equal("sean@hhs.gov");
        import.People[2].Email.Should().BeNull("the identity falls back to the name");
    }

    [Fact]
    public void AQuotedFieldSpanningLinesIsReportedAtTheLineWhereTheRecordStarts()
    {
        var csv = Header + "\n" +
                  "mentor,Ada,ada@opm.gov,OPM,,SES,Budget,,\"two\nline goal\",,\n" +
                  "mentee,,x@opm.gov,OPM,,GS-9,,Budget,,,\n";

        var import = RosterParser.Parse(csv);

        import.People.Should().ContainSingle().Which.Goals.Should().Be("two\nline goal");
        import.Rejected.Should().ContainSingle().Which.Line.Should().Be(4);
    }

    [Fact]
    public void PrefersOrAvoidNamingNobodyIsAWarningAndTheLineStillImports()
    {
        var csv = Header + "\n" +
                  "mentor,Ada,ada@opm.gov,OPM,,SES,Budget,,,,\n" +
                  "mentee,Bob,bob@opm.gov,OPM,,GS-9,,Budget,,Ada;Nobody Here,ghost@opm.gov\n";

        var import = RosterParser.Parse(csv);

        import.People.Should().HaveCount(2);
        import.People[1].Prefers.Should().Equal("ada@opm.gov");
        import.Warnings.Should().HaveCount(2);
        import.Warnings.Should().OnlyContain(w => w.Line == 3 && w.Message.Contains("matches nobody"));
    }

    [Fact]
    public void ADuplicatedNameWithoutEmailIsRejectedBecauseNobodyCouldTellThemApart()
    {
        var csv = Header + "\nmentee,Sam Lee,,OPM,,GS-9,,,,,\nmentee,sam  lee,,VA,,GS-7,,,,,\n";

        var import = RosterParser.Parse(csv);

        import.People.Should().ContainSingle();
        import.Rejected.Should().ContainSingle().Which.Reason.Should().Contain("Duplicate name").And.Contain("line 2");
    }

    [Fact]
    public void ALegacyLatin1ExportIsReadWithAWarningInsteadOfGarbledNames()
    {
        var csv = Header + "\nmentee,Zoë Brandt,zoe@opm.gov,OPM,,GS-9,,,,,\n";

        var import = RosterParser.Parse(new MemoryStream(Encoding.Latin1.GetBytes(csv)));

        import.People.Should().ContainSingle().Which.Name.Should().Be("Zoë Brandt");
        import.Warnings.Should().ContainSingle().Which.Message.Should().Contain("CSV UTF-8");
    }

    [Fact]
    public void MoreLinesThanTheLimitAreRejectedWithOneMessageNotSilentlyDropped()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 12; i++)
        {
            csv.Append($"mentee,Person {i},p{i}@opm.gov,OPM,,GS-9,,,,,\n");
        }

        var import = RosterParser.Parse(csv.ToString(), new RosterLimits { MaxLines = 10 });

        import.People.Should().HaveCount(10);
        import.Rejected.Should().ContainSingle().Which.Should().Be(import.Rejected[0] with { Line = 12 });
        import.Rejected[0].Reason.Should().Contain("more than 10 lines");
    }

    [Fact]
    public void BreaksColumnListsTheRoundsAMentorIsOff()
    {
        var csv = Header + ",breaks\nmentor,Ada,ada@opm.gov,OPM,,SES,Budget,,,,,2;4\n";

        RosterParser.Parse(csv).People.Single().RoundsOff.Should().Equal(2, 4);
    }

    [Fact]
    public void HostileInputNeverThrowsAndEveryLineIsEitherAPersonOrRejected()
    {
        var random = new Random(20261122);
        var pieces = new[] { "mentor", "mentee", "both", "\"", "\"\"", ",", ";", "\r", "\n", "\r\n", "<script>", "=cmd|' /C calc'!A0", "\0", "é", "李", "@", " ", "GS-9", "SES", new string('x', 1200) };
        for (var run = 0; run < 2_000; run++)
        {
            var lines = new List<string> { Header };
            var count = random.Next(1, 8);
            for (var k = 0; k < count; k++)
            {
                var fields = Enumerable.Range(0, random.Next(8, 14)).Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 3)).Select(_ => pieces[random.Next(pieces.Length)])));
                lines.Add(string.Join(',', fields));
            }

            var text = string.Join('\n', lines);

            var act = () => RosterParser.Parse(text);

            var import = act.Should().NotThrow().Subject;
            var lineCount = text.Count(c => c == '\n') + text.Count(c => c == '\r') + 1;
            import.Rejected.Where(r => r.Line < 1 || r.Line > lineCount || r.Reason.Length == 0).Should().BeEmpty();
            import.People.Where(p => p.Name.Length == 0 || p.Line < 1).Should().BeEmpty();
        }
    }

    [Fact]
    public void PlainLinesWithoutQuotesAreEachAccountedForExactlyOnce()
    {
        var random = new Random(7);
        for (var run = 0; run < 300; run++)
        {
            var lines = new List<string> { Header };
            var count = random.Next(1, 30);
            for (var k = 0; k < count; k++)
            {
                var role = random.Next(5) switch { 0 => "mentor", 1 => "mentee", 2 => "both", 3 => "boss", _ => "" };
                var name = random.Next(6) == 0 ? "" : $"Person {random.Next(20)}";
                var email = random.Next(3) == 0 ? "" : $"p{random.Next(20)}@opm.gov";
                var extra = random.Next(8) == 0 ? ",surplus" : random.Next(8) == 0 ? "" : ",";
                lines.Add($"{role},{name},{email},OPM,,GS-{random.Next(5, 16)},Budget,Budget,,{extra}");
            }

            var import = RosterParser.Parse(string.Join('\n', lines));

            var accounted = import.People.Select(p => p.Line).Concat(import.Rejected.Select(r => r.Line)).Order().ToList();
            accounted.Should().Equal(Enumerable.Range(2, count), "every data line is a person or a rejected line, once");
        }
    }

    [Fact]
    public void AFieldOverFourThousandCharactersRejectsItsOwnLineAndTheLinesAfterItStillImport()
    {
        var csv = Header + "\n" +
                  "mentor,Ada,ada@opm.gov,OPM,,SES,Budget,,,,\n" +
                  "mentee,Bob,bob@opm.gov,OPM,,GS-9,,Budget,\"" + new string('x', 5_000) + "\",,\n" +
                  "mentee,Cy,cy@opm.gov,OPM,,GS-9,,Budget,,,\n" +
                  "mentee,Dee,dee@opm.gov,OPM,,GS-9,,Budget,,,\n";

        var import = RosterParser.Parse(csv);

        import.People.Select(p => p.Name).Should().Equal("Ada", "Cy", "Dee");
        import.Rejected.Should().ContainSingle().Which.Line.Should().Be(3);
        import.Rejected[0].Reason.Should().Contain("goals").And.Contain("5,000").And.Contain("1,000");
    }

    [Fact]
    public void AnUnclosedQuoteIsRejectedNamingEveryLineItTookIn()
    {
        var csv = Header + "\n" +
                  "mentor,Ada,ada@opm.gov,OPM,,SES,Budget,,,,\n" +
                  "mentee,\"Bob,bob@opm.gov,OPM,,GS-9,,Budget,,,\n" +
                  "mentee,Cy,cy@opm.gov,OPM,,GS-9,,Budget,,,\n" +
                  "mentee,Dee,dee@opm.gov,OPM,,GS-9,,Budget,,,\n";

        var import = RosterParser.Parse(csv);

        import.People.Select(p => p.Name).Should().Equal("Ada");
        import.Rejected.Should().ContainSingle().Which.Line.Should().Be(3);
        import.Rejected[0].Reason.Should().Contain("lines 3 to 5").And.Contain("double quote");
    }
}
