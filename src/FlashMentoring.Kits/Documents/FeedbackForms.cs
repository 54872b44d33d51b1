using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>Feedback: a quick rating for each round and the end-of-event survey; one per mentee with their mentors filled in, or one blank form.</summary>
public sealed class FeedbackForms(KitModel model) : IKitPart
{
    /// <inheritdoc />
    public string Key => "feedback";

    /// <inheritdoc />
    public string Title => $"Feedback - {model.Event.Title}";

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var forms = model.Blank ? [model.Mentees.FirstOrDefault() ?? new KitPerson("", false, "", [], [])] : model.MenteesToHandOut;
        foreach (var mentee in forms)
        {
            One(writer, mentee);
        }
    }

    private void One(KitWriter writer, KitPerson mentee)
    {
        writer.NewPage(Title);
        writer.Heading($"Feedback: {model.Event.Title}", 16, 0);
        writer.Paragraph(model.Blank ? $"Name (optional): {Words.Blank}" : $"{mentee.Name} - your answers help match people better next time. Circle one number a round: 1 poor, 5 excellent.", TextStyle.Body, 8);
        var rounds = new TableBlock([new Column("Round", 0.7), new Column("Mentor", 2.2), new Column("Rating (circle)", 1.8), new Column("A note (optional)", 3)], new TextStyle(10))
        {
            MinRowHeight = 26,
        };
        for (var r = 1; r <= model.Event.Rounds; r++)
        {
            var seat = mentee.Seats.Count >= r ? mentee.Seats[r - 1] : null;
            var mentor = model.Blank || seat is null ? "" : seat.Table is null ? "(rest)" : seat.With;
            rounds.Row(r.ToString(Words.English), mentor, seat?.Table is null && !model.Blank ? "" : "1    2    3    4    5", "");
        }

        rounds.Draw(writer, "feedback rounds");
        writer.Heading("About the whole event", 13);
        var survey = new TableBlock([new Column("Question", 3.4), new Column("Circle one: 1 disagree, 5 agree", 2)], new TextStyle(10)) { MinRowHeight = 22 };
        foreach (var q in new[]
        {
            "The matches suited what I wanted to grow in.",
            "The conversations were useful.",
            "The logistics (timing, tables, moving) worked.",
            "I would take part again and recommend it to a colleague.",
        })
        {
            survey.Row(q, "1    2    3    4    5");
        }

        survey.Draw(writer, "feedback survey");
        writer.Paragraph("Would you like to continue with one of your mentors? Write up to three names, best first. When a mentor chooses you too, the program suggests you as a pair.", TextStyle.Body, 4);
        for (var k = 1; k <= 3; k++)
        {
            writer.Paragraph($"{k}. {Words.Blank}{Words.Blank[..10]}", TextStyle.Body, 4);
        }

        writer.Paragraph("Anything else?", TextStyle.Body, 2);
        writer.Room(60);
        var g = writer.Graphics;
        for (var line = 0; line < 3; line++)
        {
            writer.Y += 20;
            g.DrawLine(new XPen(XColors.Gray, 0.5), writer.Left, writer.Y, writer.Left + writer.Width, writer.Y);
        }
    }
}
