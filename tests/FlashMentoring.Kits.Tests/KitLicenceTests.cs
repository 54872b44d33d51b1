using System.Text.RegularExpressions;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Tests;

/// <summary>What a reader's PDF tools say made the kit: the app, on a library under a licence an agency can adopt.</summary>
public class KitLicenceTests
{
    [Fact]
    public void AKitsProducerNamesTheAppAndNotTheAgpl()
    {
        var csv = "role,name,agency,expertise\nmentor,Ann Lee,VA,Budget\nmentee,Bo Chen,HHS,Budget\n";
        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(1, 1));
        var spring = new KitEvent("Spring Flash Mentoring", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5)), 1, 15, 2, 4);
        var kit = KitBuilder.Build(KitModel.FromPlan(plan, spring), Paper.Letter, ["signs"]);

        var info = Poppler.Info(kit.Pdf);
        var producer = Regex.Match(info, @"(?m)^Producer:\s*(.*)$").Groups[1].Value;
        var creator = Regex.Match(info, @"(?m)^Creator:\s*(.*)$").Groups[1].Value;
        var xmpProducer = Regex.Match(Poppler.Metadata(kit.Pdf), "<pdf:Producer>(.*?)</pdf:Producer>").Groups[1].Value;

        producer.Should().NotContainEquivalentOf("AGPL").And.StartWith("PDFsharp ").And.Contain("FlashMentoring");
        xmpProducer.Should().Be(producer, "the XMP metadata says the same as the document information");
        creator.Should().Be("FlashMentoring");
    }
}
