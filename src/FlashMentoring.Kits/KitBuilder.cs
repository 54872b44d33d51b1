using FlashMentoring.Kits.Documents;
using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits;

/// <summary>A finished kit: the PDF and what the layout had to cut (nothing, when all is well).</summary>
/// <param name="Pdf">The PDF bytes.</param>
/// <param name="Pages">Number of pages.</param>
/// <param name="Report">Text the layout could not fit.</param>
public sealed record KitResult(byte[] Pdf, int Pages, LayoutReport Report);

/// <summary>Puts the chosen parts of a kit into one PDF.</summary>
public static class KitBuilder
{
    /// <summary>Every part, in print order.</summary>
    public static readonly IReadOnlyList<string> AllParts = ["guide", "grid", "signs", "itineraries", "badges", "feedback", "roster"];

    /// <summary>The parts of a kit for a planned event (the roster template is for paper events).</summary>
    public static readonly IReadOnlyList<string> EventParts = ["guide", "grid", "signs", "itineraries", "badges", "feedback"];

    /// <summary>The parts of a reprint after a change, unless others are asked for.</summary>
    public static readonly IReadOnlyList<string> ReprintParts = ["signs", "itineraries"];

    /// <summary>
    /// Builds the kit; <paramref name="progress"/> hears each part's key as it starts, <paramref name="pageStarted"/> each page.
    /// The token is checked at every page, so a kit nobody waits for any more stops within a page.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; no PDF is made.</exception>
    public static KitResult Build(
        KitModel model,
        Paper paper,
        IReadOnlyCollection<string>? parts = null,
        IProgress<string>? progress = null,
        Action<int>? pageStarted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var wanted = Wanted(model, parts);
        var chosen = Parts(model).Where(p => wanted.Contains(p.Key)).ToList();
        using var writer = new KitWriter(paper, Title(model, chosen), model.Words.Texts)
        {
            PageStarted = page =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                pageStarted?.Invoke(page);
            },
        };
        foreach (var part in Parts(model).Where(p => wanted.Contains(p.Key) || p is FrontPage { Needed: true }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(part.Key);
            writer.Section(null, () => part.Compose(writer));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var pages = writer.PageCount;
        return new KitResult(writer.Finish(), pages, writer.Report);
    }

    /// <summary>About how many pages the kit will have, for a progress bar.</summary>
    public static int EstimatePages(KitModel model, IReadOnlyCollection<string>? parts = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var wanted = Wanted(model, parts);
        var mentees = model.Mentees.Count(model.Prints);
        var people = model.Mentors.Count(model.Prints) + mentees;
        var online = model.OnlineToSend.Count;
        var inPerson = model.Mentees.Count(m => !m.Online && model.Prints(m));
        var perPart = new Dictionary<string, int>
        {
            ["guide"] = 3,
            ["grid"] = (int)Math.Ceiling(model.Tables.Count / 9.0) * (int)Math.Ceiling(model.Event.Rounds / 6.0),
            ["signs"] = model.Signs.Count,
            ["itineraries"] = ((inPerson + 1) / 2) + online,
            ["badges"] = (people + 7) / 8,
            ["feedback"] = model.Blank ? 1 : mentees,
            ["roster"] = 1,
        };
        return wanted.Sum(p => perPart.GetValueOrDefault(p)) + (new FrontPage(model).Needed ? 1 : 0);
    }

    /// <summary>Unknown part names in a request, to refuse with a message.</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> parts) => parts.Where(p => !AllParts.Contains(p)).ToList();

    // The document's title, as a reader's title bar and a screen reader say it: the part's when there is one, else the kit's.
    private static string Title(KitModel model, IReadOnlyList<IKitPart> parts) =>
        parts is [var one] ? one.Title
        : model.Words.T(model.Reprint is null ? "title" : "titleReprint", ("event", model.Event.Title));

    private static IReadOnlyCollection<string> Wanted(KitModel model, IReadOnlyCollection<string>? parts) =>
        parts is { Count: > 0 } ? parts : model.Blank ? AllParts : model.Reprint is not null ? ReprintParts : EventParts;

    private static IEnumerable<IKitPart> Parts(KitModel model) =>
    [
        new FrontPage(model), new HostGuide(model), new MasterGrid(model), new TableSigns(model), new Itineraries(model),
        new Badges(model), new FeedbackForms(model), new RosterTemplate(model),
    ];
}
