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
        using var writer = new KitWriter(paper, model.Event.Title)
        {
            PageStarted = page =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                pageStarted?.Invoke(page);
            },
        };
        foreach (var part in Parts(model).Where(p => wanted.Contains(p.Key)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(part.Key);
            part.Compose(writer);
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
        var people = model.Mentors.Count + model.Mentees.Count;
        var perPart = new Dictionary<string, int>
        {
            ["guide"] = 3,
            ["grid"] = (int)Math.Ceiling(model.Tables.Count / 9.0) * (int)Math.Ceiling(model.Event.Rounds / 6.0),
            ["signs"] = model.Tables.Count,
            ["itineraries"] = (model.Mentees.Count + 1) / 2,
            ["badges"] = (people + 7) / 8,
            ["feedback"] = model.Blank ? 1 : model.Mentees.Count,
            ["roster"] = 1,
        };
        return wanted.Sum(p => perPart.GetValueOrDefault(p));
    }

    /// <summary>Unknown part names in a request, to refuse with a message.</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> parts) => parts.Where(p => !AllParts.Contains(p)).ToList();

    private static IReadOnlyCollection<string> Wanted(KitModel model, IReadOnlyCollection<string>? parts) =>
        parts is null || parts.Count == 0 ? (model.Blank ? AllParts : EventParts) : parts;

    private static IEnumerable<IKitPart> Parts(KitModel model) =>
    [
        new HostGuide(model), new MasterGrid(model), new TableSigns(model), new Itineraries(model),
        new Badges(model), new FeedbackForms(model), new RosterTemplate(model),
    ];
}
