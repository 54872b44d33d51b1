using System.Globalization;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Tests.Wording;

public class SayTests
{
    [Fact]
    public void CountsReadAsWordsNotAsMentorParenthesisS()
    {
        Say.Count(1, "mentor").Should().Be("1 mentor");
        Say.Count(0, "mentee").Should().Be("0 mentees");
        Say.Count(3, "other person").Should().Be("3 other people");
        Say.Count(1200, "rejected line").Should().Be("1,200 rejected lines");
    }

    [Fact]
    public void AWaitIsSaidInTheLargestUnitThatFits()
    {
        Say.Wait(TimeSpan.FromSeconds(20)).Should().Be("20 seconds");
        Say.Wait(TimeSpan.FromMinutes(1)).Should().Be("1 minute");
        Say.Wait(TimeSpan.FromMinutes(3)).Should().Be("3 minutes");
    }

    [Fact]
    public void TheSpanishResourcesShipSoALaterLanguageNeedsNoNewCode()
    {
        Texts.For("es").Duration(TimeSpan.FromMinutes(2)).Should().Be("2 minutos"); // Spanish durations come from the texts now; Say is for English sentences
    }

    [Fact]
    public void AServerSetToAnotherLanguageStillWritesEnglishIntoEnglishSentences()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            Say.Wait(TimeSpan.FromSeconds(10)).Should().Be("10 seconds");
            Say.Count(1200, "mentee").Should().Be("1,200 mentees");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
