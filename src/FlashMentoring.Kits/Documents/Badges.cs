using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>Name badges, eight to a sheet with cut marks: first name largest, agency, and what to talk about.</summary>
public sealed class Badges(KitModel model) : IKitPart
{
    private const int Columns = 2;
    private const int Rows = 4;

    /// <inheritdoc />
    public string Key => "badges";

    /// <inheritdoc />
    public string Title => $"Badges - {model.Event.Title}";

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var people = model.Mentors.Concat(model.Mentees).Where(model.Prints).ToList();
        for (var k = 0; k < people.Count; k++)
        {
            if (k % (Columns * Rows) == 0)
            {
                writer.NewPage(Title);
            }

            var slot = k % (Columns * Rows);
            var w = writer.Width / Columns;
            var h = (writer.Bottom - KitWriter.Margin) / Rows;
            var x = writer.Left + (slot % Columns * w);
            var y = KitWriter.Margin + (slot / Columns * h);
            CutMarks(writer.Graphics, x, y, w, h);
            One(writer, people[k], new XRect(x + 14, y + 12, w - 28, h - 24));
        }
    }

    private void One(KitWriter writer, KitPerson person, XRect box)
    {
        var role = person.IsMentor ? "MENTOR" : "MENTEE";
        writer.Box(role, new TextStyle(9, Bold: true, Color: person.IsMentor ? XColor.FromArgb(11, 92, 173) : XColor.FromArgb(13, 107, 58)), new XRect(box.Left, box.Top, box.Width, 13), "badge role");
        var y = box.Top + 14;
        if (model.Blank)
        {
            writer.Box("Name: " + Words.Blank, new TextStyle(13), new XRect(box.Left, y + 20, box.Width, 20), "badge blank name");
            writer.Box((person.IsMentor ? "Ask me about: " : "I want to grow in: ") + Words.Blank, new TextStyle(10), new XRect(box.Left, y + 60, box.Width, 32), "badge blank topics");
            return;
        }

        y += writer.Box(Words.FirstName(person.Name), new TextStyle(30, Bold: true), new XRect(box.Left, y, box.Width, 42), "badge first name", shrinkTo: 14, maxLines: 1);
        y += writer.Box(person.Name, new TextStyle(11), new XRect(box.Left, y, box.Width, 28), "badge name", shrinkTo: 8, maxLines: 2);
        y += writer.Box(person.Agency, new TextStyle(10, Color: XColors.DimGray), new XRect(box.Left, y, box.Width, 14), "badge agency", shrinkTo: 7, maxLines: 1);
        if (person.Topics.Count > 0)
        {
            var label = person.IsMentor ? "Ask me about: " : "I want to grow in: ";
            writer.Box(label + Words.List(person.Topics), new TextStyle(10), new XRect(box.Left, y + 4, box.Width, box.Bottom - y - 4), "badge topics", shrinkTo: 7);
        }
    }

    // Short marks just outside each corner: cut along them, never through a neighbour's name.
    private static void CutMarks(XGraphics g, double x, double y, double w, double h)
    {
        var pen = new XPen(XColors.Gray, 0.5);
        const double L = 8;
        foreach (var (cx, cy) in new[] { (x, y), (x + w, y), (x, y + h), (x + w, y + h) })
        {
            g.DrawLine(pen, cx - L, cy, cx + L, cy);
            g.DrawLine(pen, cx, cy - L, cx, cy + L);
        }
    }
}
