using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace FlashMentoring.Kits.Layout;

/// <summary>What a piece of text is to a screen reader.</summary>
public enum Tag
{
    /// <summary>A paragraph of its own (P).</summary>
    Paragraph,

    /// <summary>A first-level heading (H1): a part's title, a person's name on their itinerary.</summary>
    Heading1,

    /// <summary>A second-level heading (H2).</summary>
    Heading2,

    /// <summary>No element of its own: the text belongs to the element that is open (a table cell, a list item).</summary>
    Inherit,
}

/// <summary>
/// The kit's tagged structure (ISO 32000 14.7), so a screen reader reads headings, paragraphs, lists and tables in order
/// and in the right language, and skips rules, cut marks and page numbers. PDFsharp 6.2's own UAManager does the same,
/// but it refuses any drawing on a page after the next one has started, and the footer's "page 3 of 40" is only known
/// at the end; so the tree is built here, with PDFsharp's dictionaries and its content stream.
/// </summary>
internal sealed class StructureTree
{
    private readonly PdfDocument document;
    private readonly PdfDictionary root;
    private readonly PdfArray parentTree;
    private readonly Stack<(PdfDictionary Element, bool HasH1)> open = new();
    private PdfPage? page;
    private PdfArray? pageParents;
    private int nextMcid;
    private int artifacts;

    public StructureTree(PdfDocument document, string language)
    {
        this.document = document;
        root = new PdfDictionary(document);
        root.Elements.SetName("/Type", "/StructTreeRoot");
        document.Internals.AddObject(root);
        var numbers = new PdfDictionary(document);
        parentTree = new PdfArray(document);
        numbers.Elements["/Nums"] = parentTree;
        document.Internals.AddObject(numbers);
        root.Elements.SetReference("/ParentTree", numbers);

        var top = Element("/Document", root);
        top.Elements.SetString("/Lang", language);
        root.Elements["/K"] = top.Reference;
        open.Push((top, false));

        var catalog = document.Internals.Catalog;
        catalog.Elements.SetReference("/StructTreeRoot", root);
        var marked = new PdfDictionary(document);
        marked.Elements.SetBoolean("/Marked", true);
        catalog.Elements["/MarkInfo"] = marked;
    }

    /// <summary>True while drawing an artifact: what is drawn then is not read out.</summary>
    public bool InArtifact => artifacts > 0;

    /// <summary>A new page: its marked content is numbered from 0, and the parent tree learns its elements.</summary>
    public void OnPage(PdfPage newPage, XGraphics gfx)
    {
        // An artifact's brackets must close on the page they opened on.
        if (InArtifact)
        {
            throw new InvalidOperationException("A page cannot start inside an artifact: make room before drawing it.");
        }

        Start(gfx);
        page = newPage;
        nextMcid = 0;
        pageParents = new PdfArray(document);
        var key = parentTree.Elements.Count / 2;
        newPage.Elements.SetInteger("/StructParents", key);
        root.Elements.SetInteger("/ParentTreeNextKey", key + 1);
        parentTree.Elements.Add(new PdfInteger(key));
        parentTree.Elements.Add(pageParents);
    }

    /// <summary>Opens an element of <paramref name="type"/> ("/P", "/Table") inside the open one; <paramref name="language"/> when its text is in another language than its parent's.</summary>
    public void Begin(string type, string? language = null, string? alt = null)
    {
        var element = Element(type, open.Peek().Element);
        if (language is not null)
        {
            element.Elements.SetString("/Lang", language);
        }

        if (alt is not null)
        {
            element.Elements.SetString("/Alt", alt);
        }

        open.Push((element, false));
    }

    public void End()
    {
        if (open.Count <= 1)
        {
            throw new InvalidOperationException("No element is open.");
        }

        open.Pop();
    }

    /// <summary>
    /// The heading level to tag a heading with: the first in a section is its H1, and a later one an H1 only when it is
    /// as large as a title, so levels never skip (H1 then H2).
    /// </summary>
    public string HeadingLevel(double size)
    {
        var (element, hasH1) = open.Peek();
        if (!hasH1 || size >= 18)
        {
            open.Pop();
            open.Push((element, true));
            return "/H1";
        }

        return "/H2";
    }

    /// <summary>Draws as marked content of the open element (nothing is marked inside an artifact).</summary>
    public void Mark(XGraphics gfx, Action draw)
    {
        if (InArtifact || page is null)
        {
            draw();
            return;
        }

        var element = open.Peek().Element;
        var mcid = nextMcid++;
        Write(gfx, $"{element.Elements.GetName("/S")} <</MCID {mcid.ToString(CultureInfo.InvariantCulture)}>> BDC\n");
        draw();
        Write(gfx, "EMC\n");

        // The element's kids: a marked content on the page it started on is a number; on a later page, a reference
        // that names the page.
        if (element.Elements.GetArray("/K") is not { } kids)
        {
            element.Elements["/K"] = kids = new PdfArray(document);
        }

        if (element.Elements.GetReference("/Pg") is not { } first)
        {
            element.Elements.SetReference("/Pg", page);
            kids.Elements.Add(new PdfInteger(mcid));
        }
        else if (first.Value == page)
        {
            kids.Elements.Add(new PdfInteger(mcid));
        }
        else
        {
            var reference = new PdfDictionary(document);
            reference.Elements.SetName("/Type", "/MCR");
            reference.Elements.SetReference("/Pg", page);
            reference.Elements.SetInteger("/MCID", mcid);
            kids.Elements.Add(reference);
        }

        pageParents!.Elements.Add(element.Reference!);
    }

    /// <summary>Draws as an artifact: rules, cut marks, repeated headers and page numbers, which a reader skips.</summary>
    public void Artifact(XGraphics gfx, Action draw)
    {
        if (InArtifact)
        {
            draw();
            return;
        }

        Write(gfx, "/Artifact BMC\n");
        artifacts++;
        try
        {
            draw();
        }
        finally
        {
            artifacts--;
        }

        Write(gfx, "EMC\n");
    }

    /// <summary>
    /// Lets the renderer write its page set-up (it saves the graphics state when the transformation is first used)
    /// before any marked content, so that save is not inside the first sequence and its restore after the last.
    /// </summary>
    public static void Start(XGraphics gfx) => gfx.Restore(gfx.Save());

    // Marked content brackets whole text objects (BT..ET), so the renderer leaves text mode before each bracket.
    private static void Write(XGraphics gfx, string operators)
    {
        PdfRendererExtensions.BeginGraphicMode(gfx);
        gfx.Internals.ContentStringBuilder!.Append(operators);
    }

    private PdfDictionary Element(string type, PdfDictionary parent)
    {
        var element = new PdfDictionary(document);
        element.Elements.SetName("/S", type);
        element.Elements.SetReference("/P", parent);
        document.Internals.AddObject(element);
        if (parent.Elements.GetName("/Type") != "/StructTreeRoot")
        {
            if (parent.Elements.GetArray("/K") is not { } kids)
            {
                parent.Elements["/K"] = kids = new PdfArray(document);
            }

            kids.Elements.Add(element.Reference!);
        }

        return element;
    }
}
