namespace FlashMentoring.Browser.Tests.Accessibility;

public static partial class A11y
{
    /// <summary>
    /// Colour arithmetic in the page, from computed styles: WCAG's relative luminance and contrast ratio, the colour an
    /// element's text is drawn on (its own background, else its ancestors', composited; white at the root), and a short
    /// name for an element in a failure message. Prefix a page function with it.
    /// </summary>
    public const string ColourScript = """
        const rgba = (value) => {
          const m = /rgba?\(([^)]+)\)/.exec(value || '');
          if (!m) return null;
          const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
          return [r, g, b, a];
        };
        const over = (top, bottom) => {
          const a = top[3];
          return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
        };
        const luminance = ([r, g, b]) => {
          const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const ratio = (x, y) => {
          const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
          return (a + 0.05) / (b + 0.05);
        };
        const backgroundOf = (el) => {
          const layers = [];
          for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
            const colour = rgba(getComputedStyle(node).backgroundColor);
            if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) break; }
          }
          return layers.reduceRight((bottom, top) => over(top, bottom), [255, 255, 255, 1]);
        };
        const opacityOf = (el) => {
          let o = 1;
          for (let node = el; node && node.nodeType === 1; node = node.parentElement) o *= Number(getComputedStyle(node).opacity);
          return o;
        };
        const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
        const nameOf = (el) => {
          let name = el.tagName.toLowerCase();
          if (el.id) return `${name}#${el.id}`;
          if (el.classList.length) name += '.' + [...el.classList].join('.');
          const parent = el.parentElement;
          return parent && parent !== document.body ? `${nameOf(parent)} > ${name}` : name;
        };
        """;

    /// <summary>
    /// Every visible text on the page whose contrast with what it is drawn on is under WCAG's minimum (4.5:1, or 3:1
    /// for text of 24 px, or 18.66 px bold): element, text, colours, ratio and size.
    /// </summary>
    public const string LowContrastScript = "() => {" + ColourScript + """
          const low = [];
          for (const el of document.body.querySelectorAll('*')) {
            const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
            if (!own || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
            const box = el.getBoundingClientRect();
            if (box.width <= 1 || box.height <= 1) continue; // visually hidden: read, not seen
            const style = getComputedStyle(el);
            const size = parseFloat(style.fontSize);
            const bold = Number(style.fontWeight) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            const back = backgroundOf(el);
            const fore = rgba(style.color);
            const drawn = over([fore[0], fore[1], fore[2], fore[3] * opacityOf(el)], back);
            const r = ratio(drawn, back);
            if (r < needed) low.push(`${nameOf(el)} "${own.slice(0, 40)}": ${hex(drawn)} on ${hex(back)} is ${r.toFixed(2)}:1, needs ${needed}:1 (${size}px${bold ? ' bold' : ''})`);
          }
          return low;
        }
        """;
}
