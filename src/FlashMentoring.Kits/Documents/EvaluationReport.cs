using FlashMentoring.Core.Wording;
using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>A bar of a chart: a label, the mean rating (0 to 5) and how many ratings it rests on.</summary>
/// <param name="Label">What the bar is for.</param>
/// <param name="Mean">Mean rating, or null with no ratings.</param>
/// <param name="Count">Number of ratings.</param>
public sealed record ChartBar(string Label, double? Mean, int Count);

/// <summary>A titled bar chart of mean ratings.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Bars">Bars, top to bottom.</param>
public sealed record Chart(string Title, IReadOnlyList<ChartBar> Bars);

/// <summary>What the evaluation summary prints.</summary>
/// <param name="Title">Event title.</param>
/// <param name="Figures">Headline figures: name and value.</param>
/// <param name="Charts">Bar charts.</param>
/// <param name="Pairs">Long-term pairs: mentee, mentor, status.</param>
public sealed record EvaluationModel(string Title, IReadOnlyList<(string Name, string Value)> Figures, IReadOnlyList<Chart> Charts, IReadOnlyList<(string Mentee, string Mentor, string Status)> Pairs);

/// <summary>
/// The program's evaluation of an event on paper: figures, charts of ratings, and the long-term pairs. Its own words
/// are in <paramref name="texts"/>' language (English when null); the figures' names and the charts' titles come worded.
/// </summary>
public sealed class EvaluationReport(EvaluationModel model, Texts? texts = null)
{
    private readonly Words words = Words.For(texts?.Code);

    /// <summary>Writes the summary as its own PDF.</summary>
    public KitResult Build(Paper paper)
    {
        var footer = words.T("report.title", ("event", model.Title));
        using var writer = new KitWriter(paper, footer, words.Texts);
        writer.NewPage(footer);
        writer.Heading(words.T("report.heading", ("event", model.Title)), 20, 0);
        var figures = new TableBlock([new Column(words.T("report.figure"), 2), new Column(words.T("report.value"), 3)], TextStyle.Body);
        foreach (var (name, value) in model.Figures)
        {
            figures.Row(name, value);
        }

        figures.Draw(writer, "report figures");
        foreach (var chart in model.Charts.Where(c => c.Bars.Count > 0))
        {
            writer.Heading(chart.Title, 13, (chart.Bars.Count * 20) + 10);
            Bars(writer, chart);
        }

        writer.Heading(words.T("report.pairs"), 13);
        var pairs = new TableBlock([new Column(words.T("report.mentee")), new Column(words.T("mentor")), new Column(words.T("report.status"), 0.7)], TextStyle.Body);
        foreach (var (mentee, mentor, status) in model.Pairs)
        {
            pairs.Row(mentee, mentor, status);
        }

        if (model.Pairs.Count == 0)
        {
            writer.Paragraph(words.T("report.noPairs"), TextStyle.Body);
        }
        else
        {
            pairs.Draw(writer, "report pairs");
        }

        var pages = writer.PageCount;
        return new KitResult(writer.Finish(), pages, writer.Report);
    }

    private void Bars(KitWriter writer, Chart chart)
    {
        const double Row = 20;
        var label = writer.Width * 0.4;
        var scale = (writer.Width - label - 80) / 5;
        foreach (var bar in chart.Bars)
        {
            writer.Room(Row);
            writer.Box(bar.Label, new TextStyle(9.5), new XRect(writer.Left, writer.Y + 3, label - 8, Row - 4), "chart label", shrinkTo: 7, maxLines: 1);
            var width = (bar.Mean ?? 0) * scale;
            if (width > 0)
            {
                writer.Artifact(g => g.DrawRectangle(new XSolidBrush(XColor.FromArgb(11, 92, 173)), writer.Left + label, writer.Y + 4, width, Row - 8));
            }

            var value = bar.Mean is { } m ? $"{m.ToString("0.00", words.Culture)} ({words.Number(bar.Count)})" : words.T("report.noRatings");
            writer.Box(value, new TextStyle(9.5), new XRect(writer.Left + label + width + 6, writer.Y + 3, 90, Row - 4), "chart value", maxLines: 1);
            writer.Y += Row;
        }

        writer.Y += 8;
    }
}
