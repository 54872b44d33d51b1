namespace FlashMentoring.Kits.Layout;

/// <summary>One piece of text that did not fit its box (and was cut), so a test or a log can say so.</summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Where">Which component, e.g. "badge name".</param>
/// <param name="Text">The text that did not fit.</param>
public sealed record Overflow(int Page, string Where, string Text);

/// <summary>What the layout layer noticed while composing a document.</summary>
public sealed class LayoutReport
{
    private readonly List<Overflow> overflows = [];

    /// <summary>Text that was cut because it did not fit.</summary>
    public IReadOnlyList<Overflow> Overflows => overflows;

    internal void Overflowed(int page, string where, string text) => overflows.Add(new Overflow(page, where, text));
}
