"""Write data/datapackage.json: the Table Schemas of the course's curated tables.

The descriptor is data, but writing it from this script keeps the vocabularies in one
place (the package's constants) and the JSON consistent. Run after changing a schema:
    python -m refresh.make_datapackage
"""

import json
from pathlib import Path

from dronediplomacy import mtcr
from refresh import sipri

CODE = r"^([A-Z]{3}|X-[A-Z]+)$"
YEAR = {"minimum": 1900, "maximum": 2100}
FLAG3 = ["yes", "possible", "no"]
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
YEAR_FLAGS = ["confirmed", "secondary", "conflicting", "unverified"]


def field(name, type_, description, required=False, enum=None, unit=None, **constraints):
    out = {"name": name, "type": type_, "description": description}
    if unit:
        out["unit"] = unit
    cons = dict(constraints)
    if required:
        cons["required"] = True
    if enum:
        cons["enum"] = enum
    if cons:
        out["constraints"] = cons
    return out


def codes_field(name, description, required=False):
    """A ';'-separated list of country codes, each checked against countries.code on load."""
    out = field(name, "string", description, required=required)
    out["country_codes"] = True
    return out


def source_field(
    name="source", description="BibTeX keys in references.bib for this row, separated by ';'", required=True
):
    out = field(name, "string", description, required=required)
    out["bibliography"] = True
    return out


def resource(name, descriptor):
    """A CSV table of the package: the shared Frictionless boilerplate, then its own parts."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "encoding": "utf-8",
        **descriptor,
    }


countries = resource(
    "countries",
    {
        "title": "States, non-state actors and organisations, with their export-control standing",
        "description": "One row per actor that appears in the course data. Membership of the MTCR and the Wassenaar Arrangement with join years; years that rest only on secondary lists or on conflicting sources are flagged.",
        "schema": {
            "fields": [
                field(
                    "code",
                    "string",
                    "ISO 3166-1 alpha-3 for states (ISO 3166-3 for historical states, XKX for Kosovo); X-WORD for non-state actors, organisations and unknown parties",
                    True,
                    pattern=CODE,
                ),
                field("name", "string", "English short name", True),
                field("sipri_name", "string", "The name(s) SIPRI uses for this actor, separated by '; '"),
                field(
                    "kind",
                    "string",
                    "What sort of actor this is",
                    True,
                    ["state", "historical state", "non-state actor", "organisation", "unknown"],
                ),
                field(
                    "region",
                    "string",
                    "SIPRI region (for non-state actors, where they operate)",
                    enum=["Africa", "Americas", "Asia and Oceania", "Europe", "Middle East"],
                ),
                field(
                    "iso_numeric", "integer", "ISO 3166-1 numeric code (joins to the world map)", minimum=0, maximum=999
                ),
                field(
                    "mtcr_status",
                    "string",
                    "Standing in the Missile Technology Control Regime",
                    True,
                    ["partner", "unilateral adherent", "informal adherent", "pledged non-member", "none"],
                ),
                field("mtcr_join_year", "year", "Year the state became an MTCR partner", **YEAR),
                field("mtcr_year_flag", "string", "How well the MTCR join year is established", enum=YEAR_FLAGS),
                field(
                    "wassenaar_status",
                    "string",
                    "Standing in the Wassenaar Arrangement",
                    True,
                    ["participating", "none"],
                ),
                field("wassenaar_join_year", "year", "Year the state joined the Wassenaar Arrangement", **YEAR),
                field(
                    "wassenaar_year_flag", "string", "How well the Wassenaar join year is established", enum=YEAR_FLAGS
                ),
                source_field(),
                field("notes", "string", "Conflicts between sources and other caveats"),
            ],
            "primaryKey": ["code"],
        },
    },
)

systems = resource(
    "systems",
    {
        "title": "Drone systems",
        "description": "One row per drone type that appears in the transfers or the chapters: maker, origin, class, public payload and range figures, the MTCR category those imply, and unit-cost estimates as ranges with who made them. Empty cells mean no public figure was found; nothing is guessed.",
        "schema": {
            "fields": [
                field("system_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("name", "string", "Common display name", True),
                field(
                    "sipri_designations",
                    "string",
                    "SIPRI 'Weapon designation' strings that map to this system, separated by '; '",
                ),
                field("maker", "string", "Manufacturer (empty where no source identifies it)"),
                field("origin", "string", "Country of origin (code in countries)", True, pattern=CODE),
                field(
                    "drone_class",
                    "string",
                    "What the drone is for",
                    True,
                    ["ISR UAV", "armed UAV", "loitering munition", "one-way attack drone", "target drone"],
                ),
                field("size_class", "string", "Size class", enum=["small", "tactical", "MALE", "HALE"]),
                field("payload_kg", "number", "Maximum payload as publicly stated", unit="kg", minimum=0),
                field("range_km", "number", "Range as publicly stated (see range_basis)", unit="km", minimum=0),
                field(
                    "range_basis",
                    "string",
                    "What the stated range measures",
                    enum=["datalink radius", "ferry/maximum range", "combat radius", "stated range"],
                ),
                field("max_speed_kmh", "number", "Maximum speed", unit="km/h", minimum=0),
                field("first_flight_year", "year", "Year of first flight (or entry into service, see notes)", **YEAR),
                field(
                    "mtcr_category",
                    "string",
                    "MTCR category the public payload and range imply, computed by dronediplomacy.mtcr.mtcr_category; a radius counts as twice its value (out and back)",
                    True,
                    list(mtcr.CATEGORIES),
                ),
                field("unit_cost_low", "number", "Low end of a unit-cost estimate", minimum=0),
                field("unit_cost_high", "number", "High end of a unit-cost estimate", minimum=0),
                field("cost_currency", "string", "ISO 4217 currency of the cost estimate", pattern=r"^[A-Z]{3}$"),
                field("cost_price_year", "string", "Price year of the cost estimate"),
                field("cost_originator", "string", "Who made the cost estimate"),
                source_field(description="BibTeX keys for the specifications, separated by ';'"),
                source_field("cost_source", "BibTeX keys for the cost estimate, separated by ';'", required=False),
                field("notes", "string", "Variants, conflicting figures, derivations"),
            ],
            "primaryKey": ["system_id"],
            "foreignKeys": [{"fields": ["origin"], "reference": {"resource": "countries", "fields": ["code"]}}],
        },
    },
)

transfers = resource(
    "transfers",
    {
        "title": "Drone transfers (SIPRI Arms Transfers Database)",
        "description": "Every drone deal in SIPRI's trade register ordered or delivered from 1995 to the latest year the register covers, built by `python -m refresh.sipri` from SIPRI's CSV export. SIPRI's uncertainty flags are kept as *_estimated columns.",
        "sources": [
            {
                "title": "Information from the SIPRI Arms Transfers Database",
                "path": "https://www.sipri.org/databases/armstransfers",
                "version": "trade register, data generated 13 March 2025",
            }
        ],
        "licenses": [
            {
                "name": "SIPRI-terms",
                "title": "SIPRI data: free for non-commercial use with attribution; not for commercial use without SIPRI's agreement",
                "path": "https://www.sipri.org/databases/armstransfers",
            }
        ],
        "schema": {
            "fields": [
                field(
                    "deal_id",
                    "string",
                    "Course identifier: order year, supplier, recipient, system (and a counter for repeats)",
                    True,
                ),
                field("supplier", "string", "Supplier (code in countries)", True, pattern=CODE),
                field("recipient", "string", "Recipient (code in countries)", True, pattern=CODE),
                field("designation", "string", "SIPRI's weapon designation", True),
                field("system_id", "string", "Drone system (key in systems)", True),
                field(
                    "drone_class",
                    "string",
                    "Course drone class from SIPRI's description",
                    True,
                    sorted(set(sipri.DRONE_CLASSES.values())),
                ),
                field("sipri_description", "string", "SIPRI's weapon description", True, sorted(sipri.DRONE_CLASSES)),
                field("order_year", "year", "Year of order", **YEAR),
                field("order_year_estimated", "boolean", "SIPRI marks the order year as uncertain", True),
                field("number_ordered", "integer", "Number ordered (empty: SIPRI has no figure yet)", minimum=0),
                field("number_ordered_estimated", "boolean", "SIPRI marks the number ordered as uncertain", True),
                field("number_delivered", "integer", "Number delivered by the data's cut-off", minimum=0),
                field("number_delivered_estimated", "boolean", "SIPRI marks the number delivered as uncertain", True),
                field(
                    "delivery_years", "string", "Years with deliveries, separated by ';'", pattern=r"^\d{4}(;\d{4})*$"
                ),
                field("first_delivery_year", "year", "First year with a delivery", **YEAR),
                field("last_delivery_year", "year", "Last year with a delivery", **YEAR),
                field("status", "string", "New or second-hand", True, sorted(sipri.STATUSES.values())),
                field("aid", "string", "Given as aid or donated, per SIPRI's comment", True, FLAG3),
                field(
                    "licensed_production",
                    "string",
                    "Assembled or produced under licence in the recipient state",
                    True,
                    FLAG3,
                ),
                field("lease", "string", "Leased rather than bought", True, FLAG3),
                field(
                    "deal_value_low",
                    "number",
                    "Deal value stated in SIPRI's comment (low end)",
                    unit="millions of deal_currency",
                    minimum=0,
                ),
                field(
                    "deal_value_high",
                    "number",
                    "Deal value stated in SIPRI's comment (high end)",
                    unit="millions of deal_currency",
                    minimum=0,
                ),
                field("deal_currency", "string", "Currency of the deal value", pattern=r"^[A-Z]{3}$"),
                field(
                    "deal_value_usd_low",
                    "number",
                    "US dollar value SIPRI states (low end)",
                    unit="millions of USD",
                    minimum=0,
                ),
                field(
                    "deal_value_usd_high",
                    "number",
                    "US dollar value SIPRI states (high end)",
                    unit="millions of USD",
                    minimum=0,
                ),
                field(
                    "deal_value_qualifier",
                    "string",
                    "'part of' when the value covers more than the drones; 'possibly'/'probably' when SIPRI hedges",
                    enum=["part of", "possibly", "probably"],
                ),
                field(
                    "tiv_per_unit",
                    "number",
                    "SIPRI trend-indicator value per unit (a volume index, not money)",
                    unit="millions of TIV",
                ),
                field("tiv_order", "number", "SIPRI TIV of the whole order", unit="millions of TIV"),
                field("tiv_delivered", "number", "SIPRI TIV of the weapons delivered", unit="millions of TIV"),
                field("sipri_comment", "string", "SIPRI's comment, verbatim"),
                source_field(),
            ],
            "primaryKey": ["deal_id"],
            "foreignKeys": [
                {"fields": ["supplier"], "reference": {"resource": "countries", "fields": ["code"]}},
                {"fields": ["recipient"], "reference": {"resource": "countries", "fields": ["code"]}},
                {"fields": ["system_id"], "reference": {"resource": "systems", "fields": ["system_id"]}},
            ],
        },
    },
)

CONFIDENCE = ["high", "medium", "low"]

timeline = resource(
    "timeline",
    {
        "title": "Dated events the chapters refer to",
        "description": "Export-control decisions, sanctions, sales, wars and production milestones, each with its date, how precisely the date is known, the states involved and its sources.",
        "schema": {
            "fields": [
                field("event_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field(
                    "date",
                    "date",
                    "Date of the event (the first day of the month or year when only that is known)",
                    True,
                ),
                field("date_precision", "string", "How precisely the date is known", True, ["day", "month", "year"]),
                field("event", "string", "What happened, in one sentence", True),
                field(
                    "category",
                    "string",
                    "Kind of event",
                    True,
                    ["export control", "sanctions", "sale or transfer", "war and use", "production", "policy"],
                ),
                codes_field("actors", "States and groups involved (codes in countries, separated by ';')"),
                source_field(),
                field("confidence", "string", "How well the sources establish the event", True, CONFIDENCE),
                field("notes", "string", "Conflicts between sources, date uncertainty"),
            ],
            "primaryKey": ["event_id"],
        },
    },
)

production_abroad = resource(
    "production_abroad",
    {
        "title": "Drone production abroad: overseas factories and licensed production",
        "description": "Where a supplier's drone designs are built or assembled in another state, with the status last reported.",
        "schema": {
            "fields": [
                field("facility_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("supplier", "string", "State whose design is produced (code in countries)", True, pattern=CODE),
                field("host", "string", "State where it is produced (code in countries)", True, pattern=CODE),
                field("system", "string", "Drone type produced", True),
                field("facility", "string", "Place or company"),
                field("announced_year", "year", "Year the plan was announced", **YEAR),
                field("opened_year", "year", "Year production was first reported", **YEAR),
                field(
                    "status",
                    "string",
                    "Status last reported",
                    True,
                    ["planned", "under construction", "operating", "suspended", "reported", "cancelled"],
                ),
                field("status_year", "year", "Year of the latest status report", True, **YEAR),
                source_field(),
                field("confidence", "string", "How well the sources establish the facility", True, CONFIDENCE),
                field("notes", "string", "Conflicts and caveats"),
            ],
            "primaryKey": ["facility_id"],
            "foreignKeys": [
                {"fields": ["supplier"], "reference": {"resource": "countries", "fields": ["code"]}},
                {"fields": ["host"], "reference": {"resource": "countries", "fields": ["code"]}},
            ],
        },
    },
)

costs = resource(
    "costs",
    {
        "title": "Cost estimates: drones and what is used against them",
        "description": "Unit-cost estimates as low-high ranges with currency, price year, who made the estimate and where the course read it. Several estimates of one item are separate rows, because they disagree. Currencies and price years are mixed: convert and deflate before comparing.",
        "schema": {
            "fields": [
                field("cost_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("item", "string", "What is priced", True),
                field(
                    "role",
                    "string",
                    "What the item does",
                    True,
                    ["attacker", "platform", "interceptor", "defence system", "electronic warfare"],
                ),
                field("cost_low", "number", "Low end of the estimate", True, unit="currency units", minimum=0),
                field("cost_high", "number", "High end of the estimate", True, unit="currency units", minimum=0),
                field("currency", "string", "ISO 4217 currency", True, pattern=r"^[A-Z]{3}$"),
                field("price_year", "year", "Year the figure refers to", True, **YEAR),
                field("unit_basis", "string", "What one unit is, and what the price includes", True),
                field("originator", "string", "Who made the estimate", True),
                field("as_reported_by", "string", "Where the course read it"),
                field("derivation", "string", "'as reported', or the arithmetic behind a derived figure", True),
                field("confidence", "string", "How far the figure can be trusted", True, CONFIDENCE),
                source_field(),
                field("notes", "string", "Caveats"),
            ],
            "primaryKey": ["cost_id"],
        },
    },
)

ukraine = resource(
    "ukraine_air_attacks_monthly",
    {
        "title": "Russian drone and missile attacks on Ukraine by month, as the Ukrainian Air Force reported them",
        "description": "Monthly sums of the Ukrainian Air Force's daily reports of launches and interceptions, built by `python -m refresh.airforce` from the compiled daily records. These are claims of one side in the war; 'destroyed' counts what the Air Force reports as shot down, and drones it reports as lost to electronic warfare are a separate column, reported only from mid-2024.",
        "sources": [
            {
                "title": "Massive Missile Attacks on Ukraine (Petro Ivaniuk, Kaggle), compiled from Ukrainian Air Force reports",
                "path": "https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine",
            }
        ],
        "schema": {
            "fields": [
                field(
                    "month",
                    "string",
                    "Calendar month (YYYY-MM), by the date each report closes",
                    True,
                    pattern=r"^\d{4}-\d{2}$",
                ),
                field("partial_month", "boolean", "The records start or stop part-way through this month", True),
                field(
                    "one_way_drones_launched",
                    "integer",
                    "Shahed-type one-way attack drones (and decoys reported with them) launched",
                    True,
                    minimum=0,
                ),
                field("one_way_drones_destroyed", "integer", "Of those, reported shot down", True, minimum=0),
                field(
                    "one_way_drones_lost_to_ew",
                    "integer",
                    "Of those, reported lost to electronic warfare (empty before the Air Force reported this)",
                    minimum=0,
                ),
                field(
                    "other_drones_reported",
                    "integer",
                    "Reconnaissance drones and loitering munitions reported",
                    True,
                    minimum=0,
                ),
                field("missiles_launched", "integer", "Missiles launched", True, minimum=0),
                field("missiles_destroyed", "integer", "Missiles reported shot down", True, minimum=0),
                field("reports", "integer", "Daily report lines summed", True, minimum=1),
                source_field(),
            ],
            "primaryKey": ["month"],
        },
    },
)

POLICY_RESPONSES = [
    "sanctions and export controls",
    "arming partners with drones",
    "cheaper counter-drone defences",
    "MTCR reform",
    "arms-control and transparency measures",
]
POLICY_CASES = ["Iran–Russia", "Turkey's exports to Africa", "Gulf demand for MQ-9", "Ukraine's air defence"]

policy_tradeoffs = resource(
    "policy_tradeoffs",
    {
        "title": "Policy responses to drone proliferation: aims, trade-offs and evidence by case",
        "description": "The points Chapter 9 makes about each policy response: for every response its aim, main trade-off and strongest counter-argument (case 'all cases'), and for every case one piece of evidence with how directly the response bears on that case. Every row names its source. Whether a point is known, estimated or argued is the course's judgement.",
        "schema": {
            "fields": [
                field("point_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("response", "string", "Policy response", True, POLICY_RESPONSES),
                field(
                    "case",
                    "string",
                    "Case the point is about, or 'all cases' for the response's general points",
                    True,
                    [*POLICY_CASES, "all cases"],
                ),
                field(
                    "aspect",
                    "string",
                    "What kind of point it is",
                    True,
                    ["aim", "trade-off", "counter-argument", "in this case"],
                ),
                field(
                    "bearing",
                    "string",
                    "How directly the response bears on the case (rows 'in this case' only)",
                    enum=["direct", "partial", "little"],
                ),
                field(
                    "status",
                    "string",
                    "Whether the point is documented, an estimate, or an argument",
                    True,
                    ["known", "estimated", "argued"],
                ),
                field("perspective", "string", "Whose claim or view it is", True),
                field("point", "string", "The point, in one or two sentences", True),
                field("source_label", "string", "Short name of the sources, shown with the point", True),
                source_field(),
            ],
            "primaryKey": ["point_id"],
        },
    },
)

arms_embargoes = resource(
    "arms_embargoes",
    {
        "title": "Arms embargoes on drone recipients and suppliers",
        "description": "UN and EU arms embargoes that bear on the drone deals in the transfers table: on arms to a state or group, or (Iran, 2007-2023) on arms from it. One row per embargo, with its legal instrument, scope and dates. A small curated subset of SIPRI's and GRIP's embargo lists, not all embargoes; an empty end_date means in force when last checked.",
        "schema": {
            "fields": [
                field("embargo_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("target", "string", "State or group under the embargo (code in countries)", True, pattern=CODE),
                field("imposed_by", "string", "Who imposed it", True, ["UN", "EU"]),
                field(
                    "direction",
                    "string",
                    "Whether arms may not go to the target, or may not come from it",
                    True,
                    ["to target", "from target"],
                ),
                field(
                    "scope",
                    "string",
                    "What part of the target it covers",
                    True,
                    ["whole state", "region", "non-governmental forces", "named parties"],
                ),
                field(
                    "start_date",
                    "date",
                    "Date it took effect (the first day of the month or year when only that is known)",
                    True,
                ),
                field("start_precision", "string", "How precisely the start is known", True, ["day", "month", "year"]),
                field("end_date", "date", "Date it ended (empty: in force when last checked)"),
                field("instrument", "string", "The resolution or decision that imposed it", True),
                source_field(),
                field("confidence", "string", "How well the sources establish the row", True, CONFIDENCE),
                field("notes", "string", "Scope, exemptions, conflicts between sources"),
            ],
            "primaryKey": ["embargo_id"],
            "foreignKeys": [{"fields": ["target"], "reference": {"resource": "countries", "fields": ["code"]}}],
        },
    },
)

strikes = resource(
    "drone_strikes_civilian_harm",
    {
        "title": "Documented drone strikes that killed civilians",
        "description": "A small, curated set of drone strikes by states that bought drones abroad, each documented by a human-rights organisation, a UN body or several news agencies: date, place, who is reported to have carried it out, the drone type where one was identified and on what evidence, and the civilian deaths as the lowest and highest figure reported, with who reported them. Not a complete record of drone strikes or of civilian harm.",
        "schema": {
            "fields": [
                field("strike_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("date", "date", "Date of the strike (the first day when it lasted longer)", True),
                field("date_precision", "string", "How precisely the date is known", True, ["day", "month", "year"]),
                field("place", "string", "Where, and what was hit", True),
                field("country", "string", "State where the strike happened (code in countries)", True, pattern=CODE),
                field("operator", "string", "Who is reported to have carried out the strike", True),
                field(
                    "operator_state",
                    "string",
                    "The state whose forces are reported to have carried it out (code in countries; empty for non-state forces or when disputed)",
                    pattern=CODE,
                ),
                field("drone_type", "string", "Drone (and munition) identified, empty when none was"),
                field(
                    "type_origin",
                    "string",
                    "Country of origin of the identified drone type (code in countries)",
                    pattern=CODE,
                ),
                field(
                    "attribution",
                    "string",
                    "What the identification of the drone type rests on",
                    True,
                    ["munition fragments examined", "video, imagery or fleet evidence", "not identified"],
                ),
                field("civilians_killed_low", "integer", "Lowest civilian death toll reported", True, minimum=0),
                field("civilians_killed_high", "integer", "Highest civilian death toll reported", True, minimum=0),
                field("reported_by", "string", "Who reported which figure", True),
                source_field(),
                field("confidence", "string", "How well the sources establish the row", True, CONFIDENCE),
                field("notes", "string", "Disputes, denials, caveats"),
            ],
            "primaryKey": ["strike_id"],
            "foreignKeys": [
                {"fields": ["country"], "reference": {"resource": "countries", "fields": ["code"]}},
                {"fields": ["operator_state"], "reference": {"resource": "countries", "fields": ["code"]}},
                {"fields": ["type_origin"], "reference": {"resource": "countries", "fields": ["code"]}},
            ],
        },
    },
)

DRONE_USE_CLASSES = ["one-way attack", "loitering munition", "armed drone", "small armed drone", "interceptor", "mixed"]
DRONE_USE_ROLES = ["strike", "one-way attack", "air-defence suppression", "interception", "airspace incursion"]
SUPPLY_KINDS = ["import", "domestic", "localised production", "copy"]

drone_use = resource(
    "drone_use_in_conflicts",
    {
        "title": "Whose drones fought where, 2022-2026",
        "description": "Chapter 10's table of documented uses of military drones in the wars of 2022-2026: who used which drone type, who supplied it (the user itself when made at home), whose design it is, how the user got it, its role, who claims the use, and the course's confidence. A curated set of the cases the chapter tests the essay against, not a census of drone use; many rows rest on one party's claims, named in claimed_by.",
        "schema": {
            "fields": [
                field("use_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field(
                    "conflict",
                    "string",
                    "The war or confrontation",
                    True,
                    [
                        "India–Pakistan 2025",
                        "Iran–Israel 2024–2025",
                        "Iran war 2026",
                        "Russia–Ukraine",
                        "Sudan civil war",
                    ],
                ),
                field("first_year", "year", "First year of the use the row describes", True, **YEAR),
                field("last_year", "year", "Last year of that use (the same year for a single attack)", True, **YEAR),
                field(
                    "date_precision", "string", "How precisely the sources date the use", True, ["day", "month", "year"]
                ),
                field("user", "string", "Who used the drones (code in countries)", True, pattern=CODE),
                field("drone_type", "string", "Drone type, as named by the sources", True),
                field("drone_class", "string", "Kind of drone", True, DRONE_USE_CLASSES),
                field(
                    "supplier",
                    "string",
                    "Who supplied it (code in countries; the user itself when made at home)",
                    True,
                    pattern=CODE,
                ),
                field(
                    "design_origin",
                    "string",
                    "State whose design it is (code in countries; empty when the sources do not identify the type)",
                    pattern=CODE,
                ),
                field(
                    "supply",
                    "string",
                    "How the user got it: bought abroad, its own design, a foreign design made under licence or localised, or a copy",
                    True,
                    SUPPLY_KINDS,
                ),
                field("role", "string", "What the drones were used for", True, DRONE_USE_ROLES),
                field("claimed_by", "string", "Whose claim the use rests on", True),
                field("confidence", "string", "How well the sources establish the row", True, CONFIDENCE),
                source_field(),
                field("notes", "string", "Dates, disputes and caveats"),
            ],
            "primaryKey": ["use_id"],
            "foreignKeys": [
                {"fields": ["user"], "reference": {"resource": "countries", "fields": ["code"]}},
                {"fields": ["supplier"], "reference": {"resource": "countries", "fields": ["code"]}},
                {"fields": ["design_origin"], "reference": {"resource": "countries", "fields": ["code"]}},
            ],
        },
    },
)

ESSAY_VERDICTS = ["supported", "mixed", "contradicted", "too early to say"]

essay_scorecard = resource(
    "essay_scorecard",
    {
        "title": "The essay's claims against the evidence of 2023-2026",
        "description": "Chapter 10's scorecard: each claim of Lin-Greenberg's 2022 essay as the course states it, the course's verdict, and the strongest evidence for and against it, each with its sources. The verdicts and the choice of evidence are the course's judgement, to be argued with.",
        "schema": {
            "fields": [
                field("point_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("claim_order", "integer", "The claim's place in the chapter", True, minimum=1, maximum=5),
                field("claim", "string", "Short name of the claim", True),
                field("statement", "string", "The claim in one sentence the essay would recognise", True),
                field(
                    "verdict", "string", "The course's verdict on the claim, as of November 2026", True, ESSAY_VERDICTS
                ),
                field(
                    "side",
                    "string",
                    "Whether the evidence supports or cuts against the claim",
                    True,
                    ["for the claim", "against the claim"],
                ),
                field(
                    "status",
                    "string",
                    "Whether the evidence is documented, an estimate, or an argument",
                    True,
                    ["known", "estimated", "argued"],
                ),
                field("evidence", "string", "The strongest evidence on this side, in one or two sentences", True),
                field("source_label", "string", "Short name of the sources, shown with the evidence", True),
                source_field(),
            ],
            "primaryKey": ["point_id"],
        },
    },
)

KARABAKH_CONTROL = ["Armenian forces", "Azerbaijan", "Russian peacekeepers"]

karabakh_places = resource(
    "karabakh_places",
    {
        "title": "Places of the 2020 Nagorno-Karabakh war and when control of them changed",
        "description": "Chapter 5's map table: one row per town, district centre, village or corridor the chapter names or the 2020 war turned on, with its Azerbaijani and Armenian names, approximate coordinates, who held it when the war began on 27 September 2020, and whether and when control changed: an announced capture during the 44 days, or a handover under the trilateral statement of 10 November 2020 (Agdam 20 November, Kalbajar 25 November, Lachin 1 December). Dates are those of the announcement, with who made it and whether the other side denied it at the time; they are not front lines, and an announced capture is not proof that fighting had ended. Coordinates are the course's, rounded to 0.01 degree (about 1 km) from published gazetteer listings of each town centre; they place a point on a regional map and are not survey positions.",
        "schema": {
            "fields": [
                field("place_id", "string", "Stable identifier (slug)", True, pattern=SLUG),
                field("name", "string", "Name the chapter uses", True),
                field("name_azerbaijani", "string", "Azerbaijani name, in Azerbaijani Latin script", True),
                field(
                    "name_armenian",
                    "string",
                    "Armenian name, romanised (empty when no separate Armenian name is in common use)",
                ),
                field(
                    "kind",
                    "string",
                    "What the place is",
                    True,
                    ["city", "town", "district centre", "village", "corridor"],
                ),
                field(
                    "latitude",
                    "number",
                    "Latitude of the town centre, rounded to 0.01",
                    True,
                    unit="degrees north",
                    minimum=38.5,
                    maximum=41.5,
                ),
                field(
                    "longitude",
                    "number",
                    "Longitude of the town centre, rounded to 0.01",
                    True,
                    unit="degrees east",
                    minimum=44.0,
                    maximum=48.5,
                ),
                field(
                    "held_before",
                    "string",
                    "Who held it when the war began on 27 September 2020",
                    True,
                    KARABAKH_CONTROL,
                ),
                field(
                    "change",
                    "string",
                    "How control changed in 2020: captured in the fighting (as announced), handed over under the 10 November statement, or no change",
                    True,
                    ["captured", "handed over", "none"],
                ),
                field(
                    "change_date",
                    "date",
                    "Date of the announced capture or of the handover (empty when control did not change)",
                ),
                field(
                    "held_after",
                    "string",
                    "Who held it after the handovers, on 1 December 2020",
                    True,
                    KARABAKH_CONTROL,
                ),
                field(
                    "announced_by",
                    "string",
                    "Who announced the capture or the entry of troops (empty when control did not change)",
                ),
                field(
                    "disputed",
                    "string",
                    "Whether the other side denied the announcement at the time",
                    True,
                    ["denied at the time", "admitted by the other side", "no response found", "not applicable"],
                ),
                field("source_label", "string", "Short name of the sources, shown in the map's tooltip", True),
                source_field(),
                field("notes", "string", "Context, disputes and what happened later"),
            ],
            "primaryKey": ["place_id"],
        },
    },
)

package = {
    "name": "drone-diplomacy",
    "title": "Drone Diplomacy course data",
    "profile": "tabular-data-package",
    "resources": [
        countries,
        systems,
        transfers,
        production_abroad,
        timeline,
        costs,
        ukraine,
        policy_tradeoffs,
        arms_embargoes,
        strikes,
        drone_use,
        essay_scorecard,
        karabakh_places,
    ],
}

if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"
    out.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
