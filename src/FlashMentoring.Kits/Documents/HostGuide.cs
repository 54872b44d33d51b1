using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>The host's guide: run of show with the event's clock times, roles, the words for each round, the checklist and what to do when the room does not match the plan.</summary>
public sealed class HostGuide(KitModel model) : IKitPart
{
    private Words words => model.Words;

    /// <inheritdoc />
    public string Key => "guide";

    /// <inheritdoc />
    public string Title => words.T("guide.title", ("event", model.Event.Title));

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var e = model.Event;
        var w = words;
        writer.NewPage(Title);
        writer.Heading(w.T("guide.heading", ("event", e.Title)), 20, 0);
        writer.Paragraph(w.T("guide.summary", ("date", w.Date(e.StartsAt)), ("rounds", w.Plural("rounds", e.Rounds)), ("minutes", w.Plural("minutes", e.RoundMinutes)),
            ("transition", w.Plural("minutes", e.TransitionMinutes)), ("tables", w.Plural("tables", model.Tables.Count)), ("mentees", w.Plural("mentees", e.SeatsPerTable)),
            ("people", Count())), TextStyle.Body, 10);

        writer.Heading(w.T("guide.show"));
        var show = new TableBlock([new Column(w.T("time"), 1.5), new Column(w.T("guide.whatHappens"), 4), new Column(w.T("guide.who"), 1.6)]);
        show.Row(w.Time(e.StartsAt.AddMinutes(-30)), w.T("guide.doors"), w.T("guide.greetersMentors"));
        show.Row(w.Time(e.StartsAt.AddMinutes(-10)), w.T("guide.welcome"), w.T("guide.host"));
        for (var r = 1; r <= e.Rounds; r++)
        {
            show.Row($"{w.Time(model.RoundStart(r))} - {w.Time(model.RoundEnd(r))}", w.T("guide.roundRow", ("n", w.Number(r))), w.T("guide.timekeeper"));
            if (r < e.Rounds && e.TransitionMinutes > 0)
            {
                show.Row(w.Time(model.RoundEnd(r)), w.T("guide.change", ("minutes", w.Number(e.TransitionMinutes))), w.T("guide.everyone"));
            }
        }

        var end = model.RoundEnd(e.Rounds);
        show.Row(w.Time(end), w.T("guide.wrapUp"), w.T("guide.host"));
        show.Row(w.Time(end.AddMinutes(15)), w.T("guide.close"), w.T("guide.hostGreeters"));
        show.Draw(writer, "run of show");

        writer.Heading(w.T("guide.roles"));
        writer.List(["guide.role.host", "guide.role.timekeeper", "guide.role.greeters", "guide.role.mentors", "guide.role.mentees"], key => ("-", w.T(key)), TextStyle.Body, 3);

        writer.Heading(w.T("guide.say"));
        writer.Paragraph(w.Plural("guide.say.before", e.Rounds, ("minutes", w.Number(e.RoundMinutes))), TextStyle.Body);
        writer.Paragraph(w.T("guide.say.start"), TextStyle.Body);
        writer.Paragraph(w.T("guide.say.minute"), TextStyle.Body);
        writer.Paragraph(w.T("guide.say.end"), TextStyle.Body, 10);

        if (e.HasPrompts)
        {
            Starters(writer);
        }

        if (e.HasOnline && !model.Blank)
        {
            OnlineRooms(writer);
        }

        writer.Heading(w.T("guide.materials"));
        foreach (var item in new[]
        {
            w.T("guide.bell"), w.T("guide.badges", ("n", model.Mentors.Count + model.Mentees.Count)),
            w.T("guide.signs", ("n", model.Tables.Count(t => !t.Online))), w.T("guide.itineraries"), w.T("guide.forms"),
            w.T("guide.laptop"), w.T("guide.tape"),
        })
        {
            Checkbox(writer, item);
        }

        writer.Y += 6;
        writer.Heading(w.T("guide.mismatch"));
        writer.Paragraph(w.T("guide.late"), TextStyle.Body);
        writer.Paragraph(w.T("guide.noShows"), TextStyle.Body);
        writer.Paragraph(w.T("guide.odd"), TextStyle.Body, 10);

        if (e.JoinUrl is not null)
        {
            writer.Heading(w.T("guide.phones"));
            writer.Room(110);
            writer.Qr(e.JoinUrl, writer.Left, writer.Y, 100);
            writer.Box(w.T("guide.join", ("code", e.JoinCode), ("link", e.JoinUrl)),
                TextStyle.Body, new XRect(writer.Left + 112, writer.Y, writer.Width - 112, 100), "join text");
            writer.Y += 110;
        }
    }

    // Read out at each round's start, shown on the board and the phones, and printed on the back of every table sign.
    private void Starters(KitWriter writer)
    {
        var w = words;
        writer.Heading(w.T("starters"));
        writer.Paragraph(w.T("guide.startersNote"), TextStyle.Body);
        var starters = new TableBlock([new Column(w.T("roundColumn"), 1), new Column(w.T("time"), 1.6), new Column(w.T("starter"), 6)]);
        for (var r = 1; r <= model.Event.Rounds; r++)
        {
            if (model.Event.PromptFor(r, w.Texts) is { } prompt)
            {
                starters.Row(w.Round(r), w.Span(model.RoundStart(r), model.RoundEnd(r)), prompt);
            }
        }

        starters.Draw(writer, "starters");
    }

    private void OnlineRooms(KitWriter writer)
    {
        var w = words;
        writer.Heading(w.T("guide.online"));
        writer.List(Enumerable.Range(1, 7).ToList(), k => ($"{k}.", w.T($"guide.online.{k}")), TextStyle.Body, 4);

        var online = model.Tables.Where(t => t.Online).ToList();
        if (online.Count > 0)
        {
            writer.Y += 4;
            var rooms = new TableBlock([new Column(w.T("tableLabel"), 0.8), new Column(w.T("mentor"), 2), new Column(w.T("guide.room"), 5)]);
            foreach (var table in online)
            {
                rooms.Row(w.Number(table.Number), table.Mentor ?? "", table.Room ?? w.T("guide.notSet"));
            }

            rooms.Draw(writer, "rooms");
        }
    }

    private string Count() =>
        model.Blank
            ? words.T("guide.roomFor", ("mentees", words.Plural("mentees", model.Mentees.Count)))
            : words.T("guide.people", ("mentors", words.Plural("mentors", model.Mentors.Count)), ("mentees", words.Plural("mentees", model.Mentees.Count)));

    private static void Checkbox(KitWriter writer, string text)
    {
        writer.Room(18);
        writer.Artifact(g => g.DrawRectangle(new XPen(XColors.Black, 0.8), writer.Left, writer.Y + 2, 10, 10));
        writer.Box(text, TextStyle.Body, new XRect(writer.Left + 18, writer.Y, writer.Width - 18, 16), "checklist");
        writer.Y += 18;
    }
}
