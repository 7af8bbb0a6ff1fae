"""The column layouts of machine-coded event data, and how each maps onto the roles aggregation needs.

GDELT publishes header-less tab-separated files whose columns are known only by position (the GDELT
1.0 and 2.0 event codebooks): 1.0 daily files since April 2013 have 58 columns, the historical back
files 57 (no ``SOURCEURL``), and 2.0's 15-minute exports 61 (each geography gains an ``ADM2Code``).
ICEWS and ACLED files carry a header, so their columns are found by name, which survives the column
order changing between releases; header-less copies are read in the published order.

Every layout names, for each role, the column that plays it. Roles a layout lacks (ICEWS has no
source URL, ACLED no Goldstein score) are computed by the expression in :mod:`desktop.events.expression`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_GDELT_HEAD = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{part}" for n in (1, 2) for part in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
]


def _geo(adm2: bool) -> list[str]:
    parts = ["Type", "FullName", "CountryCode", "ADM1Code", *(["ADM2Code"] if adm2 else []), "Lat", "Long",
             "FeatureID"]
    return [f"{who}Geo_{part}" for who in ("Actor1", "Actor2", "Action") for part in parts]


GDELT1_COLUMNS: tuple[str, ...] = (*_GDELT_HEAD, *_geo(adm2=False), "DATEADDED", "SOURCEURL")  # 58
GDELT1_BACKFILE_COLUMNS: tuple[str, ...] = GDELT1_COLUMNS[:-1]  # 57: the files before April 2013
GDELT2_COLUMNS: tuple[str, ...] = (*_GDELT_HEAD, *_geo(adm2=True), "DATEADDED", "SOURCEURL")  # 61

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

ROLES = ("event_id", "date", "a1_code", "a1_name", "a1_country", "a1_type", "a2_code", "a2_name", "a2_country",
         "a2_type", "event_code", "score", "tone", "url")

_GDELT_ROLES = {
    "event_id": "GLOBALEVENTID", "date": "SQLDATE",
    "a1_code": "Actor1Code", "a1_name": "Actor1Name", "a1_country": "Actor1CountryCode", "a1_type": "Actor1Type1Code",
    "a2_code": "Actor2Code", "a2_name": "Actor2Name", "a2_country": "Actor2CountryCode", "a2_type": "Actor2Type1Code",
    "event_code": "EventCode", "score": "GoldsteinScale", "tone": "AvgTone", "url": "SOURCEURL",
}

# ACLED codes no CAMEO event and no Goldstein score; each event type gets the CAMEO root closest to it
# and that root's typical Goldstein score, so ACLED maps read on the same -2..+2 scale as the others.
ACLED_EVENT_TYPES: dict[str, tuple[str, float]] = {
    "battles": ("19", -10.0),                       # CAMEO 19 Fight
    "explosions/remote violence": ("19", -10.0),    # CAMEO 195 Employ aerial weapons
    "violence against civilians": ("18", -9.0),     # CAMEO 18 Assault
    "riots": ("14", -7.5),                          # CAMEO 145 Protest violently, riot
    "protests": ("14", -6.5),                       # CAMEO 14 Protest
    "strategic developments": ("", 0.0),            # agreements, arrests, looting: no single direction
}


@dataclass(frozen=True)
class Layout:
    """One event-data format: its columns, how its lines are split and which column plays each role."""

    name: str
    label: str
    columns: tuple[str, ...]
    delimiter: str
    roles: dict[str, str | None] = field(default_factory=dict)
    quoted: bool = False  # ACLED quotes fields holding commas; GDELT and ICEWS never quote
    score_label: str = "Goldstein score"

    def column(self, role: str) -> str | None:
        return self.roles.get(role)

    def with_columns(self, columns: tuple[str, ...]) -> Layout:
        """The same format with a file's own column list (a header in another order, 57 vs 58 columns)."""
        return Layout(self.name, self.label, columns, self.delimiter, self.roles, self.quoted, self.score_label)

    def missing(self, columns: tuple[str, ...]) -> list[str]:
        """Role columns that ``columns`` lacks (the URL is optional: GDELT back files have none)."""
        present = {c.lower() for c in columns}
        return [c for role, c in self.roles.items() if c and role != "url" and c.lower() not in present]


LAYOUTS: dict[str, Layout] = {
    "gdelt1": Layout("gdelt1", "GDELT 1.0 events", GDELT1_COLUMNS, "\t", _GDELT_ROLES),
    "gdelt2": Layout("gdelt2", "GDELT 2.0 events", GDELT2_COLUMNS, "\t", _GDELT_ROLES),
    "icews": Layout("icews", "ICEWS events", ICEWS_COLUMNS, "\t", {
        "event_id": "Event ID", "date": "Event Date",
        "a1_code": "Source Name", "a1_name": "Source Name", "a1_country": "Source Country",
        "a1_type": "Source Sectors",
        "a2_code": "Target Name", "a2_name": "Target Name", "a2_country": "Target Country",
        "a2_type": "Target Sectors",
        "event_code": "CAMEO Code", "score": "Intensity", "tone": None, "url": None,
    }, score_label="ICEWS intensity"),
    "acled": Layout("acled", "ACLED events", ACLED_COLUMNS, ",", {
        "event_id": "event_id_cnty", "date": "event_date",
        "a1_code": "actor1", "a1_name": "actor1", "a1_country": "country", "a1_type": "inter1",
        "a2_code": "actor2", "a2_name": "actor2", "a2_country": "country", "a2_type": "inter2",
        "event_code": "event_type", "score": None, "tone": None, "url": None,
    }, quoted=True, score_label="ACLED event type"),
}
FORMATS = ("auto", *LAYOUTS)
GDELT_WIDTHS = {57: ("gdelt1", GDELT1_BACKFILE_COLUMNS), 58: ("gdelt1", GDELT1_COLUMNS),
                61: ("gdelt2", GDELT2_COLUMNS)}


def layout_for_header(names: list[str]) -> Layout | None:
    """The layout whose role columns a header (or a Parquet schema, or a table) holds, if any."""
    lowered = {n.lower() for n in names}
    if "globaleventid" in lowered:
        return LAYOUTS["gdelt2" if "actor1geo_adm2code" in lowered else "gdelt1"]
    if "cameo code" in lowered and "source name" in lowered:
        return LAYOUTS["icews"]
    if "event_type" in lowered and "actor1" in lowered:
        return LAYOUTS["acled"]
    return None


def layout_for_width(width: int, delimiter: str) -> Layout | None:
    """The layout of a header-less file with ``width`` fields per line."""
    if delimiter == "\t" and width in GDELT_WIDTHS:
        name, columns = GDELT_WIDTHS[width]
        return LAYOUTS[name].with_columns(columns)
    if delimiter == "\t" and width == len(ICEWS_COLUMNS):
        return LAYOUTS["icews"]
    if delimiter == "," and width == len(ACLED_COLUMNS):
        return LAYOUTS["acled"]
    return None


# The CAMEO actor type codes (CAMEO manual, chapter on actor codes) that GDELT uses as Actor*Type1Code,
# and the ACLED interaction codes: they become the map's groups.
CAMEO_TYPES = {
    "COP": "Police", "GOV": "Government", "INS": "Insurgents", "JUD": "Judiciary", "MIL": "Military",
    "OPP": "Opposition", "REB": "Rebels", "SEP": "Separatists", "SPY": "Intelligence", "UAF": "Armed forces",
    "AGR": "Agriculture", "BUS": "Business", "CRM": "Criminals", "CVL": "Civilians", "DEV": "Development",
    "EDU": "Education", "ELI": "Elites", "ENV": "Environment", "HLH": "Health", "HRI": "Human rights",
    "LAB": "Labour", "LEG": "Legislature", "MED": "Media", "REF": "Refugees", "MOD": "Moderates",
    "RAD": "Radicals", "AMN": "Amnesty International", "IRC": "Red Cross", "GRP": "Greenpeace", "UNO": "United Nations",
    "PKO": "Peacekeepers", "UIS": "Unidentified state actor", "IGO": "Intergovernmental organisation",
    "IMG": "International militarised group", "INT": "International organisation", "MNC": "Multinational corporation",
    "NGM": "Non-governmental movement", "NGO": "Non-governmental organisation", "SET": "Settlers",
}
ACLED_INTER = {"1": "State forces", "2": "Rebel groups", "3": "Political militias", "4": "Identity militias",
               "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/other forces"}
