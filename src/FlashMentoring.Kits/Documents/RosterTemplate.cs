using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Documents;

/// <summary>The roster template for a paper event: what each column means and blank lines to fill in.</summary>
public sealed class RosterTemplate(KitModel model) : IKitPart
{
    /// <summary>The columns of the roster CSV, as the app imports them.</summary>
    public const string Header = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid";

    /// <inheritdoc />
    public string Key => "roster";

    /// <inheritdoc />
    public string Title => $"Roster template - {model.Event.Title}";

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.NewPage(Title, landscape: true);
        writer.Heading("Roster template", 16, 0);
        writer.Paragraph($"One person a line, one column for each column of the app's roster file. To plan with the app later, type it into a spreadsheet with these columns and save as CSV: {Header}.", TextStyle.Body, 4);
        writer.Paragraph("Role: mentor, mentee or both. Expertise (mentors) and needs (mentees): topics separated by semicolons. Goals: a sentence on what they hope for. " +
                         "Prefers: the mentors a mentee asks for, best first. Avoid: people never to seat together. Only role and name are required.", new TextStyle(9), 8);

        // Every column of the CSV, in its order, so typing the sheet in is copying across; the widths follow what is
        // usually written in each (a role is one word, expertise a list).
        var table = new TableBlock(
            [
                new Column("Role", 0.75), new Column("Name", 1.7), new Column("Email", 1.8), new Column("Agency", 1.1), new Column("Location", 1),
                new Column("Grade", 0.7), new Column("Expertise", 1.5), new Column("Needs", 1.5), new Column("Goals", 1.5), new Column("Prefers", 1.3), new Column("Avoid", 1.1),
            ],
            new TextStyle(9))
        {
            MinRowHeight = 24,
        };
        for (var k = 0; k < 16; k++)
        {
            table.Row(Enumerable.Repeat("", 11).ToArray());
        }

        table.Draw(writer, "roster template");
    }
}
