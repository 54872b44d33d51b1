using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// Feedback: a quick rating for each round and the end-of-event survey; one per mentee with their mentors filled in (in
/// the mentee's language), or one blank form.
/// </summary>
public sealed class FeedbackForms(KitModel model) : IKitPart
{
    private const string Scale = "1    2    3    4    5";

    /// <inheritdoc />
    public string Key => "feedback";

    /// <inheritdoc />
    public string Title => model.Words.T("feedback.title", ("event", model.Event.Title));

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var forms = model.Blank ? [model.Mentees.FirstOrDefault() ?? new KitPerson("", false, "", [], [])] : model.MenteesToHandOut;
        foreach (var mentee in forms)
        {
            writer.NewPage(Title);
            writer.Section(model.WordsOf(mentee).Code, () => One(writer, mentee));
        }
    }

    private void One(KitWriter writer, KitPerson mentee)
    {
        var w = model.WordsOf(mentee);
        writer.Heading(w.T("feedback.heading", ("event", model.Event.Title)), 16, 0);
        writer.Paragraph(model.Blank ? w.T("feedback.blankName", ("line", Words.Blank)) : w.T("feedback.intro", ("name", mentee.Name)), TextStyle.Body, 8);
        var rounds = new TableBlock([new Column(w.T("roundColumn"), 0.7), new Column(w.T("mentor"), 2.2), new Column(w.T("feedback.rating"), 1.8), new Column(w.T("feedback.note"), 3)], new TextStyle(10))
        {
            MinRowHeight = 26,
        };
        for (var r = 1; r <= model.Event.Rounds; r++)
        {
            var seat = mentee.Seats.Count >= r ? mentee.Seats[r - 1] : null;
            var mentor = model.Blank || seat is null ? "" : seat.Table is null ? w.T("feedback.rest") : seat.With;
            rounds.Row(w.Number(r), mentor, seat?.Table is null && !model.Blank ? "" : Scale, "");
        }

        rounds.Draw(writer, "feedback rounds");
        writer.Heading(w.T("feedback.whole"), 13);
        var survey = new TableBlock([new Column(w.T("feedback.question"), 3.4), new Column(w.T("feedback.agree"), 2)], new TextStyle(10)) { MinRowHeight = 22 };
        foreach (var q in new[] { "feedback.q1", "feedback.q2", "feedback.q3", "feedback.q4" })
        {
            survey.Row(w.T(q), Scale);
        }

        survey.Draw(writer, "feedback survey");
        writer.Paragraph(w.T("feedback.continue"), TextStyle.Body, 4);
        for (var k = 1; k <= 3; k++)
        {
            writer.Paragraph($"{w.Number(k)}. {Words.Blank}{Words.Blank[..10]}", TextStyle.Body, 4);
        }

        writer.Paragraph(w.T("feedback.else"), TextStyle.Body, 2);
        writer.Room(60);
        writer.Artifact(g =>
        {
            for (var line = 0; line < 3; line++)
            {
                writer.Y += 20;
                g.DrawLine(new XPen(XColors.Gray, 0.5), writer.Left, writer.Y, writer.Left + writer.Width, writer.Y);
            }
        });
    }
}
