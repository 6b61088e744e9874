import re
from html.parser import HTMLParser

import pytest
from test_pilot_support import cli_runner

from logbook.pilot.entries import Entry
from logbook.pilot.printing import paginate, print_logbook
from logbook.units import hhmm


@pytest.fixture
def run(tmp_path, monkeypatch):
    return cli_runner(tmp_path, monkeypatch)


def _entries(n):
    return [Entry(date=f"2008-{1 + i // 28:02d}-{1 + i % 28:02d}", id=i + 1,
                  capacity=("P/UT", "solo", "P1")[i % 3], total_min=30 + 7 * i,
                  day_landings=1 + i % 4, night_landings=i % 2, night_min=5 * (i % 2),
                  registration="G-BOYL", type="C152", departure="EGBW", arrival="EGBW",
                  off_block_utc=f"2008-01-01T10:{i % 60:02d}:00Z")
            for i in range(n)]


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages, self.row, self.cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.pages.append([])
        elif tag == "tr":
            self.row = []
            self.pages[-1].append(self.row)
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.row.append(self.cell)
            self.cell = None


def _minutes(text):
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def test_printed_html_page_totals_add_up(tmp_path):
    entries = _entries(40)
    path = tmp_path / "logbook.html"
    pages = print_logbook(entries, path, pilot="Scott", rows_per_page=18)
    assert len(pages) == 3
    parser = Cells()
    parser.feed(path.read_text())
    assert len(parser.pages) == 3
    header = parser.pages[0][0]
    total_col, dual_col = header.index("Total"), header.index("Dual")
    carried = 0
    for table in parser.pages:
        lines, (this, previous, total) = table[1:-3], table[-3:]
        page_sum = sum(_minutes(r[total_col]) for r in lines)
        assert _minutes(this[total_col]) == page_sum
        assert _minutes(previous[total_col]) == carried
        assert _minutes(total[total_col]) == carried + page_sum
        carried += page_sum
        assert _minutes(this[dual_col]) == sum(_minutes(r[dual_col]) for r in lines
                                               if r[dual_col])
    assert carried == sum(e.total_min for e in entries)
    assert hhmm(carried) == parser.pages[-1][-1][total_col]


def test_printed_pdf_has_a_page_per_page_of_lines(tmp_path):
    path = tmp_path / "logbook.pdf"
    pages = print_logbook(_entries(25), path, rows_per_page=10)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", data)) == len(pages) == 3
    assert pages[-1].total["landings_day"] == sum(e.day_landings for e in _entries(25))
    assert pages[1].previous == pages[0].total


def test_unconfirmed_entries_are_not_printed():
    entries = [*_entries(3), Entry(date="2008-03-01", capacity="P/UT", total_min=99,
                                   confirmed=False)]
    (page,) = paginate(entries)
    assert len(page.entries) == 3
    assert page.total["total"] == 30 + 37 + 44


def test_print_command(run, tmp_path):
    run("add", "--date", "2007-12-27", "--reg", "G-BOYL", "--type", "C152",
        "--capacity", "P/UT", "--off", "10:05", "--on", "10:50", "--landings", "6")
    out = tmp_path / "book.html"
    result = run("print", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}: 1 page(s), total 0:45\n"
    assert "G-BOYL" in out.read_text()
    result = run("print", "-o", str(tmp_path / "book.txt"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "print writes .html or .pdf" in \
        result.output
