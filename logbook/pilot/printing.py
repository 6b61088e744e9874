"""The logbook in the EASA paper layout (AMC1 FCL.050), as HTML or PDF.

Pages hold a fixed number of lines; each page ends with "total this page", "total
from previous pages" and "total time" rows, so the totals carry forward as on
paper. HTML is rendered here; PDF draws the same pages with matplotlib (PdfPages).
"""

import html
from dataclasses import dataclass
from pathlib import Path

from logbook.errors import LogbookError
from logbook.pilot.entries import Entry
from logbook.units import hhmm

ROWS_PER_PAGE = 18
# the columns whose page totals carry forward: minutes, then counts
MINUTE_COLUMNS = ("se", "me", "total", "night", "ifr", "pic", "copilot", "dual",
                  "instructor", "fstd")
COUNT_COLUMNS = ("landings_day", "landings_night")
HEADINGS = ("Date", "Dep", "Off", "Arr", "On", "Type", "Reg", "SE", "ME", "Total",
            "PIC name", "Ldg D", "Ldg N", "Night", "IFR", "PIC", "Co-pilot", "Dual",
            "Instr", "FSTD", "Remarks")


def sums(entry: Entry, multi_engine: bool = False) -> dict[str, int]:
    """An entry's contribution to each summed column."""
    flight = entry.flight_min
    return {"se": 0 if multi_engine else flight, "me": flight if multi_engine else 0,
            "total": flight, "night": entry.night_min, "ifr": entry.ifr_min,
            **{c: flight if c in entry.columns else 0
               for c in ("pic", "copilot", "dual", "instructor")},
            "fstd": entry.total_min if entry.fstd else 0,
            "landings_day": entry.day_landings, "landings_night": entry.night_landings}


@dataclass(frozen=True)
class Page:
    number: int
    entries: tuple[Entry, ...]
    this_page: dict[str, int]
    previous: dict[str, int]
    total: dict[str, int]


def paginate(entries: list[Entry], *, rows_per_page: int = ROWS_PER_PAGE,
             multi_engine: frozenset[str] = frozenset()) -> list[Page]:
    """The confirmed entries in pages, with page totals carried forward."""
    logged = [e for e in entries if e.confirmed]
    keys = MINUTE_COLUMNS + COUNT_COLUMNS
    carried = dict.fromkeys(keys, 0)
    pages: list[Page] = []
    for start in range(0, max(len(logged), 1), rows_per_page):
        chunk = tuple(logged[start:start + rows_per_page])
        page = dict.fromkeys(keys, 0)
        for e in chunk:
            for k, v in sums(e, (e.registration or "") in multi_engine).items():
                page[k] += v
        total = {k: carried[k] + page[k] for k in keys}
        pages.append(Page(len(pages) + 1, chunk, page, dict(carried), total))
        carried = total
    return pages


def cells(entry: Entry, multi_engine: bool = False) -> list[str]:
    s = sums(entry, multi_engine)

    def t(minutes: int) -> str:
        return hhmm(minutes) if minutes else ""

    day = f"{entry.date[8:10]}/{entry.date[5:7]}/{entry.date[2:4]}"
    return [day, entry.departure or "", (entry.off_block_utc or "")[11:16],
            entry.arrival or "", (entry.on_block_utc or "")[11:16],
            "FSTD" if entry.fstd else entry.type or "", entry.registration or "",
            t(s["se"]), t(s["me"]), t(s["total"]),
            entry.pic_name or ("SELF" if "pic" in entry.columns else ""),
            str(s["landings_day"] or ""), str(s["landings_night"] or ""),
            t(s["night"]), t(s["ifr"]), t(s["pic"]), t(s["copilot"]), t(s["dual"]),
            t(s["instructor"]), t(s["fstd"]), entry.remarks]


def total_cells(label: str, values: dict[str, int]) -> list[str]:
    def t(key: str) -> str:
        return hhmm(values[key])

    return [label, "", "", "", "", "", "", t("se"), t("me"), t("total"), "",
            str(values["landings_day"]), str(values["landings_night"]), t("night"),
            t("ifr"), t("pic"), t("copilot"), t("dual"), t("instructor"), t("fstd"), ""]


def page_rows(page: Page, multi_engine: frozenset[str]) -> list[list[str]]:
    return ([cells(e, (e.registration or "") in multi_engine) for e in page.entries]
            + [total_cells("Total this page", page.this_page),
               total_cells("Total from previous pages", page.previous),
               total_cells("Total time", page.total)])


def render_html(pages: list[Page], *, pilot: str = "",
                multi_engine: frozenset[str] = frozenset()) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADINGS)
    parts = ["<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Pilot "
             f"logbook {html.escape(pilot)}</title><style>table{{border-collapse:"
             "collapse;font:9pt sans-serif;page-break-after:always}td,th{border:1px "
             "solid #444;padding:2px 4px}tr.total td{font-weight:bold}</style></head>"
             "<body>"]
    for page in pages:
        parts.append(f"<h2>Pilot logbook {html.escape(pilot)}: page {page.number}</h2>"
                     f"<table class=\"page\" data-page=\"{page.number}\"><tr>{head}</tr>")
        rows = page_rows(page, multi_engine)
        for i, row in enumerate(rows):
            kind = " class=\"total\"" if i >= len(page.entries) else ""
            parts.append(f"<tr{kind}>" + "".join(f"<td>{html.escape(c)}</td>"
                                                 for c in row) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def render_pdf(pages: list[Page], path: Path, *, pilot: str = "",
               multi_engine: frozenset[str] = frozenset()) -> None:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(path) as pdf:
        for page in pages:
            fig = Figure(figsize=(16.5, 11.7))  # A3 landscape, like a paper logbook
            ax = fig.add_subplot()
            ax.axis("off")
            ax.set_title(f"Pilot logbook {pilot}: page {page.number}", loc="left")
            table = ax.table(cellText=page_rows(page, multi_engine),
                             colLabels=list(HEADINGS), loc="upper center",
                             cellLoc="center")
            table.auto_set_font_size(False)
            table.set_fontsize(7)
            pdf.savefig(fig)


def print_logbook(entries: list[Entry], path: Path, *, pilot: str = "",
                  rows_per_page: int = ROWS_PER_PAGE,
                  multi_engine: frozenset[str] = frozenset()) -> list[Page]:
    """Write the logbook to path (.html or .pdf); returns the pages written."""
    pages = paginate(entries, rows_per_page=rows_per_page, multi_engine=multi_engine)
    suffix = path.suffix.lower()
    try:
        if suffix in (".html", ".htm"):
            path.write_text(render_html(pages, pilot=pilot, multi_engine=multi_engine),
                            encoding="utf-8")
        elif suffix == ".pdf":
            render_pdf(pages, path, pilot=pilot, multi_engine=multi_engine)
        else:
            raise LogbookError(f"{path}: print writes .html or .pdf files")
    except OSError as e:
        raise LogbookError(f"{path}: cannot write ({e.strerror})") from e
    return pages
