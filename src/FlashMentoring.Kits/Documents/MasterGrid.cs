using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Documents;

/// <summary>Rounds by tables: who sits where, on landscape pages, rounds split over pages when there are many.</summary>
public sealed class MasterGrid(KitModel model) : IKitPart
{
    private const double MinRoundColumn = 95;

    private Words words => model.Words;

    /// <inheritdoc />
    public string Key => "grid";

    /// <inheritdoc />
    public string Title => words.T("grid.title", ("event", model.Event.Title));

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var w = words;
        var rounds = model.Event.Rounds;
        writer.NewPage(Title, landscape: true);
        var perPage = Math.Max(1, (int)((writer.Width - 130) / MinRoundColumn));
        for (var first = 1; first <= rounds; first += perPage)
        {
            var last = Math.Min(rounds, first + perPage - 1);
            if (first > 1)
            {
                writer.NewPage(Title, landscape: true);
            }

            writer.Heading(model.Blank
                ? w.T("grid.blankHeading", ("first", w.Number(first)), ("last", w.Number(last)))
                : w.T("grid.heading", ("first", w.Number(first)), ("last", w.Number(last)), ("rounds", w.Number(rounds))), 13, 80);
            var columns = new List<Column> { new(w.T("tableLabel"), 1.4) };
            columns.AddRange(Enumerable.Range(first, last - first + 1).Select(r => new Column($"{w.Round(r)}\n{w.Time(model.RoundStart(r))}")));
            var table = new TableBlock(columns, new TextStyle(8.5));
            foreach (var t in model.Tables)
            {
                var cells = new List<string> { model.Blank ? $"{w.Number(t.Number)}. {Words.Blank[..12]}" : $"{w.Number(t.Number)}. {t.Mentor}\n{t.Agency}" };
                cells.AddRange(Enumerable.Range(first, last - first + 1).Select(r =>
                {
                    var names = model.AtTable(r, t.Number);
                    return names.Count > 0 ? string.Join("\n", names) : model.Mentors.Count > 0 && model.Mentors[t.Number - 1].Seats[r - 1].Table is null ? w.T("grid.break") : "-";
                }));
                table.Row([.. cells]);
            }

            var resting = Enumerable.Range(first, last - first + 1)
                .Select(r => string.Join("\n", model.Mentees.Where(m => m.Seats[r - 1].Table is null).Select(m => m.Name))).ToList();
            if (resting.Any(r => r.Length > 0))
            {
                table.Row([w.T("grid.resting"), .. resting]);
            }

            table.Draw(writer, "master grid");
        }
    }
}
