using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Documents;

/// <summary>The roster template for a paper event: what each column means and blank lines to fill in.</summary>
public sealed class RosterTemplate(KitModel model) : IKitPart
{
    /// <summary>The columns of the roster CSV, as the app imports them.</summary>
    public const string Header = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid";

    // Every column of the CSV, in its order, so typing the sheet in is copying across; the widths follow what is
    // usually written in each (a role is one word, expertise a list).
    private static readonly (string Column, double Weight)[] Columns =
    [
        ("role", 0.75), ("name", 1.6), ("email", 1.8), ("agency", 1.1), ("location", 1), ("grade", 0.8),
        ("expertise", 1.5), ("needs", 1.5), ("goals", 1.5), ("prefers", 1.3), ("avoid", 1.1),
    ];

    private Words words => model.Words;

    /// <inheritdoc />
    public string Key => "roster";

    /// <inheritdoc />
    public string Title => words.T("roster.title", ("event", model.Event.Title));

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.NewPage(Title, landscape: true);
        writer.Heading(words.T("roster.heading"), 16, 0);
        writer.Paragraph(words.T("roster.intro", ("header", Header)), TextStyle.Body, 4);
        writer.Paragraph(words.T("roster.help"), new TextStyle(9), 8);
        var table = new TableBlock(Columns.Select(c => new Column(words.T("roster.column." + c.Column), c.Weight)).ToList(), new TextStyle(9))
        {
            MinRowHeight = 24,
        };
        for (var k = 0; k < 16; k++)
        {
            table.Row(Enumerable.Repeat("", Columns.Length).ToArray());
        }

        table.Draw(writer, "roster template");
    }
}
