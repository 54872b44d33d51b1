using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Documents;

/// <summary>Rounds by tables: who sits where, on landscape pages, rounds split over pages when there are many.</summary>
public sealed class MasterGrid(KitModel model) : IKitPart
{
    private const double MinRoundColumn = 95;

    /// <inheritdoc />
    public string Key => "grid";

    /// <inheritdoc />
    public string Title => $"Master grid - {model.Event.Title}";

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
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
                ? $"Rotation: rounds {first}-{last}. Mentees keep their number all event; at the bell, go to the table in the next column."
                : $"Master grid: rounds {first}-{last} of {rounds}", 13, 80);
            var columns = new List<Column> { new("Table", 1.4) };
            columns.AddRange(Enumerable.Range(first, last - first + 1).Select(r => new Column($"Round {r}\n{Words.Time(model.RoundStart(r))}")));
            var table = new TableBlock(columns, new TextStyle(8.5));
            foreach (var t in model.Tables)
            {
                var cells = new List<string> { model.Blank ? $"{t.Number}. {Words.Blank[..12]}" : $"{t.Number}. {t.Mentor}\n{t.Agency}" };
                cells.AddRange(Enumerable.Range(first, last - first + 1).Select(r =>
                {
                    var names = model.AtTable(r, t.Number);
                    return names.Count > 0 ? string.Join("\n", names) : model.Mentors.Count > 0 && model.Mentors[t.Number - 1].Seats[r - 1].Table is null ? "(break)" : "-";
                }));
                table.Row([.. cells]);
            }

            var resting = Enumerable.Range(first, last - first + 1)
                .Select(r => string.Join("\n", model.Mentees.Where(m => m.Seats[r - 1].Table is null).Select(m => m.Name))).ToList();
            if (resting.Any(r => r.Length > 0))
            {
                table.Row(["Resting", .. resting]);
            }

            table.Draw(writer, "master grid");
        }
    }
}
