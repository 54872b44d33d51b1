using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>Name badges, eight to a sheet with cut marks: first name largest, agency, and what to talk about, in the wearer's language.</summary>
public sealed class Badges(KitModel model) : IKitPart
{
    private const int Columns = 2;
    private const int Rows = 4;

    /// <inheritdoc />
    public string Key => "badges";

    /// <inheritdoc />
    public string Title => model.Words.T("badges.title", ("event", model.Event.Title));

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
            writer.Artifact(g => CutMarks(g, x, y, w, h));
            var person = people[k];
            writer.Section(model.WordsOf(person).Code, () => One(writer, person, new XRect(x + 14, y + 12, w - 28, h - 24)));
        }
    }

    private void One(KitWriter writer, KitPerson person, XRect box)
    {
        var words = model.WordsOf(person);
        var role = words.T(person.IsMentor ? "badges.mentor" : "badges.mentee");
        writer.Box(role, new TextStyle(9, Bold: true, Color: person.IsMentor ? XColor.FromArgb(11, 92, 173) : XColor.FromArgb(13, 107, 58)), new XRect(box.Left, box.Top, box.Width, 13), "badge role");
        var y = box.Top + 14;
        var topics = person.IsMentor ? "askMe" : "growIn";
        if (model.Blank)
        {
            writer.Box(words.T("badges.name", ("line", Words.Blank)), new TextStyle(13), new XRect(box.Left, y + 20, box.Width, 20), "badge blank name");
            writer.Box(words.T(topics, ("topics", Words.Blank)), new TextStyle(10), new XRect(box.Left, y + 60, box.Width, 32), "badge blank topics");
            return;
        }

        y += writer.Box(Words.FirstName(person.Name), new TextStyle(30, Bold: true), new XRect(box.Left, y, box.Width, 42), "badge first name", shrinkTo: 14, maxLines: 1);
        y += writer.Box(person.Name, new TextStyle(11), new XRect(box.Left, y, box.Width, 28), "badge name", shrinkTo: 8, maxLines: 2);
        y += writer.Box(person.Agency, new TextStyle(10, Color: XColors.DimGray), new XRect(box.Left, y, box.Width, 14), "badge agency", shrinkTo: 7, maxLines: 1);
        if (person.Topics.Count > 0)
        {
            writer.Box(words.T(topics, ("topics", Words.List(person.Topics))), new TextStyle(10), new XRect(box.Left, y + 4, box.Width, box.Bottom - y - 4), "badge topics", shrinkTo: 7);
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
