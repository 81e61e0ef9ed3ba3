/// The report's layout rules for small screens and for A4 print, kept apart from the content.
extension FindingsReport {
    /// Added after the report's base stylesheet.
    ///
    /// - On a phone (390 px), a wide table scrolls sideways inside its own box rather than
    ///   widening the page (a table of two or three columns, `.narrow`, fits without scrolling;
    ///   dates do not wrap at their hyphens), and charts scale to the width (their text alternative carries the numbers).
    /// - In print: every heading is kept with its intro and its first table, figure or quote: the
    ///   HTML wraps the three in a `.keep` block that does not break inside (`break-after: avoid` on
    ///   headings alone lets Chromium strand a heading when no other break point is allowed);
    ///   a block taller than a page still breaks, at a row. Figures, quotes and table rows are never split,
    ///   table headers repeat on each page, and page numbers sit in the page's bottom margin where
    ///   the browser supports `@page` margin boxes (Chromium 131 and later; others print without).
    static let layoutCSS = """
        .scroll { overflow-x: auto; max-width: 100%; }
        .scroll > table { min-width: 30em; }
        .scroll > table.narrow { min-width: 0; }
        td.date { white-space: nowrap; }
        figure { margin: 1em 0; max-width: 100%; }
        figure svg { display: block; width: 100%; height: auto; }
        @media (max-width: 600px) {
          body { margin: 1em auto; padding: 0 .7em; }
          h1 { font-size: 1.4em; } h2 { font-size: 1.25em; }
          table.facts th { width: auto; }
          .scroll { border-right: 3px solid #d0d5d8; }
        }
        @page {
          size: A4; margin: 16mm 14mm 18mm 14mm;
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, Arial, sans-serif; color: #4c4c4c; }
        }
        @media print {
          h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
          .keep { break-inside: avoid; page-break-inside: avoid; }
          h2 + *, h3 + *, h2 + p + figure, h3 + p + figure, h2 + p + .scroll, h3 + p + .scroll { break-before: avoid; page-break-before: avoid; }
          figure, svg, tr, blockquote, .quote, table.facts, .banner { break-inside: avoid; page-break-inside: avoid; }
          p, li { orphans: 3; widows: 3; }
          .scroll { overflow: visible; border: 0; }
          .scroll > table { min-width: 0; }
          thead { display: table-header-group; }
        }
        """
}
