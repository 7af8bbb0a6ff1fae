"""Small event files in each format's real column layout, written row by row for the tests."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from desktop.events.layouts import ACLED_COLUMNS, GDELT1_BACKFILE_COLUMNS, GDELT1_COLUMNS, GDELT2_COLUMNS, ICEWS_COLUMNS

WIDTHS = {57: GDELT1_BACKFILE_COLUMNS, 58: GDELT1_COLUMNS, 61: GDELT2_COLUMNS}
COUNTRY = {"ISR": "ISRAEL", "PSE": "PALESTINE", "USA": "UNITED STATES", "JOR": "JORDAN"}


def gdelt_row(event_id: int, day: str, actor1: str, actor2: str, goldstein: str, *, width: int = 61,
              code: str = "040", url: str = "", tone: str = "1.5") -> str:
    """One GDELT line: ``actor1``/``actor2`` are CAMEO codes such as ``ISRGOV`` (country + type)."""
    columns = WIDTHS[width]
    values = dict.fromkeys(columns, "")
    values.update({"GLOBALEVENTID": str(event_id), "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
                   "FractionDate": f"{day[:4]}.5", "IsRootEvent": "1", "EventCode": code, "EventBaseCode": code[:3],
                   "EventRootCode": code[:2], "QuadClass": "1", "GoldsteinScale": goldstein, "NumMentions": "4",
                   "NumSources": "1", "NumArticles": "4", "AvgTone": tone,
                   "DATEADDED": day + ("120000" if width == 61 else "")})
    for n, code_ in ((1, actor1), (2, actor2)):
        if code_:
            country = code_[:3]
            values.update({f"Actor{n}Code": code_, f"Actor{n}Name": COUNTRY.get(country, country),
                           f"Actor{n}CountryCode": country, f"Actor{n}Type1Code": code_[3:6]})
    if "SOURCEURL" in values:
        values["SOURCEURL"] = url or f"https://news.example/{event_id}"
    return "\t".join(values[c] for c in columns)


def write_lines(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def icews_rows(rows: list[tuple[str, str, str, str, str, str, str]], *, header: bool = True) -> list[str]:
    """(event id, date, source name, source country, target name, target country, intensity) per row."""
    lines = ["\t".join(ICEWS_COLUMNS)] if header else []
    for event_id, day, source, source_country, target, target_country, intensity in rows:
        values = dict.fromkeys(ICEWS_COLUMNS, "")
        values.update({"Event ID": event_id, "Event Date": day, "Source Name": source,
                       "Source Sectors": "Government,Executive", "Source Country": source_country,
                       "Event Text": "Make statement", "CAMEO Code": "010", "Intensity": intensity,
                       "Target Name": target, "Target Sectors": "Government", "Target Country": target_country,
                       "Story ID": "1", "Sentence Number": "1", "Publisher": "Agence", "Country": source_country})
        lines.append("\t".join(values[c] for c in ICEWS_COLUMNS))
    return lines


def acled_rows(rows: list[tuple[str, str, str, str, str]], *, header: bool = True) -> list[str]:
    """(event id, date, event type, actor1, actor2) per row; notes hold commas and quotes, as real files do."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(ACLED_COLUMNS)
    for event_id, day, event_type, actor1, actor2 in rows:
        values = dict.fromkeys(ACLED_COLUMNS, "")
        values.update({"event_id_cnty": event_id, "event_date": day, "year": day[-4:], "event_type": event_type,
                       "actor1": actor1, "inter1": "1", "actor2": actor2, "inter2": "6", "country": "Palestine",
                       "iso": "275", "notes": 'On this day, "protesters" gathered, then dispersed.',
                       "source": "Ma'an News Agency", "fatalities": "0"})
        writer.writerow([values[c] for c in ACLED_COLUMNS])
    return out.getvalue().splitlines()
