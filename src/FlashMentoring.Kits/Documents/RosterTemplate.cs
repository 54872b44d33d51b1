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
        writer.Paragraph($"One person a line. To plan with the app later, type it into a spreadsheet with these columns and save as CSV: {Header}. " +
                         "Role is mentor, mentee or both; expertise and needs are lists separated by semicolons; prefers names the mentors a mentee asks for, best first; avoid names people never to seat together.", TextStyle.Body, 8);
        var table = new TableBlock([new Column("Role", 0.8), new Column("Name", 2), new Column("Email", 2), new Column("Agency", 1.2), new Column("Grade", 0.7), new Column("Expertise / needs", 2.5), new Column("Prefers", 1.6), new Column("Avoid", 1.2)])
        {
            MinRowHeight = 22,
        };
        for (var k = 0; k < 18; k++)
        {
            table.Row("", "", "", "", "", "", "", "");
        }

        table.Draw(writer, "roster template");
    }
}
