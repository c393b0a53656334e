"""Text for Plotly figures: every text a chart draws is escaped here, in one place.

Plotly reads a subset of HTML in every text it draws (titles, tick labels, legend entries,
hover labels, colour-bar titles, annotations): the tags `<br>`, `<b>`, `<i>`, `<em>`, `<s>`,
`<u>`, `<sub>`, `<sup>`, `<span style=…>` and `<a href=…>` (a live link, in the page and in an
SVG export), and the entities `&lt;` `&gt;` `&amp;` `&nbsp;` `&times;` `&plusmn;` `&deg;`
`&mu;` and numeric ones (plotly.js 4, `src/lib/svg_text_utils.js`). It splits a text at every
`<…>` first and turns entities into characters only in the plain pieces between tags, once.
So escaping `&`, `<` and `>` leaves no tag and no entity of the author's: a partner named
`<a href="…">Klicka här</a>` is drawn as exactly those characters, never as a link.

The rules every builder (assessments.charts, assessments.dashboard_charts) keeps:
- every text it receives, user data or a translated label, goes through `plot_text`;
- its own markup (the `<br>` that wraps a long label, `<extra>` in a hover template) is
  added only after escaping, so it still works;
- no text is ever joined into a `hovertemplate` or `texttemplate`: Plotly would read a
  `%{…}` in it as a placeholder. Templates name the data (`%{y}`, `%{fullData.name}`), whose
  values are escaped like every other text.
"""

import html


def plot_text(value: object) -> str:
    """`value` as text Plotly draws literally: `&`, `<` and `>` as entities."""
    return html.escape(str(value), quote=False)
