"""Chapter 4, the new exporters: its charts, the world map's shapes, the exporter widget's
logic, its self-checks, the numbers its prose states, and one control in a real browser."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dronediplomacy import charts, widgets
from dronediplomacy.charts.new_exporters import recipients_by_supplier, supplier_recipient_deals
from dronediplomacy.data import drawable_codes, world_shapes
from refresh.worldmap import trim
from chapter_code import chapter_prose, redraw_after_choosing
from site_browser import chart_markup, redrawn, settled

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "chapters" / "04-new-exporters.md"
NOT_DRAWABLE_STATES = {"MDV": "Maldives", "SGP": "Singapore"}  # too small for a 1:110m map


def bound_inputs(spec: dict) -> dict[str, str]:
    """Each bound param's name and the kind of input it is bound to."""
    return {
        p["name"]: p["bind"].get("input", "legend") if isinstance(p["bind"], dict) else p["bind"]
        for p in spec.get("params", [])
        if "bind" in p
    }


# --- the world map ------------------------------------------------------------------------------


def test_map_has_title_description_and_controls(transfers, countries):
    spec = charts.recipients_map(transfers, countries).to_dict()
    assert spec["title"]["text"] and len(spec["description"]) > 200
    assert bound_inputs(spec) == {"supplier": "select", "year": "range"}


def test_map_recipients_match_the_transfers(transfers, countries):
    rows = recipients_by_supplier(transfers, countries)
    turkey = rows[rows.supplier == "Turkey"].set_index("code")
    assert len(turkey) == 27 and turkey.loc["QAT", "first_delivery"] == 2019
    assert "Bayraktar TB2" in turkey.loc["UKR", "systems"]
    iran = rows[rows.supplier == "Iran"].set_index("code")
    assert iran.loc["RUS", "drones"] == 4720 and "X-HOUTHI" in iran.index


def test_every_recipient_joins_a_shape_or_is_named_as_not_drawable(transfers, countries):
    rows = recipients_by_supplier(transfers, countries)
    shapes = drawable_codes()
    off = rows[~rows.on_map]
    assert set(rows.loc[rows.on_map, "code"]) <= shapes
    assert all(code in NOT_DRAWABLE_STATES or code.startswith("X-") for code in off["code"])
    description = charts.recipients_map(transfers, countries).to_dict()["description"]
    assert all(name in description for name in NOT_DRAWABLE_STATES.values())


def test_kosovo_is_drawn_and_antarctica_is_not():
    geometries = world_shapes()["objects"]["countries"]["geometries"]
    names = {g["properties"]["name"]: g["properties"].get("code") for g in geometries}
    assert names["Kosovo"] == "XKX" and names["Turkey"] == "TUR"
    assert "Antarctica" not in names


def test_map_spec_stays_small(transfers, countries):
    # the spec is inlined in the page; keep the 1:110m shapes the only large part
    assert len(json.dumps(charts.recipients_map(transfers, countries).to_dict())) < 200_000


def test_trim_prunes_and_renumbers_arcs(countries):
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [1, 0]], [[5, 5], [1, 1]], [[1, 0], [0, 1]], [[9, 9], [1, 0]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "010", "arcs": [[1]], "properties": {"name": "Antarctica"}},
                    {"type": "Polygon", "id": "792", "arcs": [[0, ~2]], "properties": {"name": "Turkey"}},
                    {"type": "Polygon", "arcs": [[3]], "properties": {"name": "Kosovo"}},
                    {"type": "Polygon", "arcs": [[3]], "properties": {"name": "Somaliland"}},
                ],
            },
            "land": {"type": "GeometryCollection", "geometries": []},
        },
    }
    out = trim(topology, countries)
    shapes = out["objects"]["countries"]["geometries"]
    assert list(out["objects"]) == ["countries"]
    assert [s["properties"].get("code") for s in shapes] == ["TUR", "XKX", None]
    assert out["arcs"] == [topology["arcs"][0], topology["arcs"][2], topology["arcs"][3]]
    assert shapes[0]["arcs"] == [[0, ~1]] and shapes[1]["arcs"] == [[2]]


# --- the supplier-recipient matrix -------------------------------------------------------------


def test_matrix_has_title_description_and_controls(transfers, countries):
    spec = charts.supplier_matrix(transfers, countries).to_dict()
    assert spec["title"]["text"] and len(spec["description"]) > 200
    assert bound_inputs(spec) == {"period": "radio", "measure": "radio", "region": "select"}


def test_matrix_data_give_the_last_decades_leaders(transfers, countries):
    data = supplier_recipient_deals(transfers, countries)
    recent = data[data.period == "2015–2024"].groupby("supplier_name")["deals"].sum()
    assert (recent["Turkey"], recent["United States"], recent["Israel"]) == (56, 54, 51)
    assert data["deals"].sum() == len(transfers[transfers.order_year.between(1995, 2024)])


def test_buyers_with_three_or_more_suppliers(transfers, countries):
    assert (
        "in the Middle East, Saudi Arabia, the UAE and Iraq each have deals in three or more of the matrix's "
        "columns (counting \"all others\" as one), and Morocco, Nigeria, Pakistan and India do the same elsewhere"
    ) in chapter_prose(CHAPTER.name)
    data = supplier_recipient_deals(transfers, countries)
    suppliers = data.groupby("recipient")["supplier_name"].nunique()
    names = ["Saudi Arabia", "United Arab Emirates", "Iraq", "Morocco", "Nigeria", "Pakistan", "India"]
    assert all(suppliers[name] >= 3 for name in names)


def test_the_two_largest_cells_by_drones_delivered(transfers, countries, glued):
    assert "American drones for Ukraine (over {glue:text}`usa_to_ukraine_thousands:,d`" in chapter_prose(
        CHAPTER.name
    ) and "Iranian drones for Russia (about {glue:text}`iran_to_russia_hundreds:,d`)" in chapter_prose(CHAPTER.name)
    data = supplier_recipient_deals(transfers, countries)
    cells = data.groupby(["recipient", "supplier_name"]).drones.sum().sort_values(ascending=False)
    assert list(cells.index[:2]) == [("Ukraine", "United States"), ("Russia", "Iran")]
    assert glued["usa_to_ukraine_thousands"] <= cells.iloc[0] < glued["usa_to_ukraine_thousands"] + 1000
    assert glued["iran_to_russia_hundreds"] == round(cells.iloc[1], -2)
    assert set(data.loc[data.recipient.isin(["Ukraine", "Russia"]), "region"]) == {"Europe"}


# --- the worked analysis: visible pandas and Altair for the exercise's skills ------------------------


def test_worked_profile_counts_deals_drones_and_clients(transfers, chapter_run):
    namespace, glued = chapter_run.namespace, chapter_run.glued
    decade = transfers[transfers.order_year.between(2005, 2014)]
    israel = decade[decade.supplier == "ISR"]
    row = namespace["profile"].loc["ISR"]
    assert (row.deals, row.drones_delivered, row.clients) == (
        len(israel),
        israel.number_delivered.sum(),
        israel.recipient.nunique(),
    )
    assert glued["decade_israel_share"] == pytest.approx(len(israel) / len(decade))
    assert "{glue:text}`decade_israel_share:.0%`" in chapter_prose(CHAPTER.name)


def test_worked_function_counts_clients_and_refuses_empty_input(transfers, chapter_run):
    namespace, glued = chapter_run.namespace, chapter_run.glued
    ch4 = transfers[transfers.system_id == "ch-4"].dropna(subset=["first_delivery_year"])
    first = ch4.groupby("recipient").first_delivery_year.min()
    assert (glued["ch4_clients_2016"], glued["ch4_clients_2024"]) == ((first <= 2016).sum(), (first <= 2024).sum())
    with pytest.raises(ValueError, match="no clients to count"):
        namespace["clients_by_year"](transfers.iloc[:0], range(2014, 2025))


def test_worked_chart_has_a_supplier_dropdown_title_and_description(transfers, chapter_run):
    spec = chapter_run.namespace["deliveries_chart"].to_dict()
    assert spec["title"] and len(spec["description"]) > 100
    assert bound_inputs(spec) == {"supplier": "select"}
    assert spec["encoding"]["y"]["aggregate"] == "sum" and spec["encoding"]["y"]["field"] == "number_delivered"
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == transfers.supplier.isin(["ISR", "CHN", "USA", "TUR"]).sum()  # one row per deal
    assert all(isinstance(r["number_delivered"], int) for r in rows)


# --- the exporter profile widget ---------------------------------------------------------------


def test_exporter_profile_for_turkey(transfers, countries):
    profile = widgets.exporter_profile(transfers, countries, "TUR", 2015, 2024)
    assert (profile["deals"], profile["all_deals"]) == (56, 246)
    assert profile["share_of_deals"] == pytest.approx(56 / 246)
    assert profile["first_sales"].iloc[0].to_dict() == {"year": 2018, "client": "Qatar", "system": "Bayraktar TB2"}
    assert "Ukraine" in set(profile["clients"]["client"])


def test_exporter_profile_empty_period_has_no_clients(transfers, countries):
    profile = widgets.exporter_profile(transfers, countries, "TUR", 1995, 2000)
    assert profile["deals"] == 0 and profile["clients"].empty and profile["share_of_deals"] == 0


@pytest.mark.parametrize(
    "supplier,first,last,message", [("XXX", 2000, 2010, "not a supplier"), ("TUR", 2020, 2010, "run forwards")]
)
def test_exporter_profile_rejects_bad_input(transfers, countries, supplier, first, last, message):
    with pytest.raises(ValueError, match=message):
        widgets.exporter_profile(transfers, countries, supplier, first, last)


def test_exporter_explorer_builds(transfers, countries):
    box = widgets.exporter_explorer(transfers, countries)
    assert "Qatar" in box.children[-1].value


# --- self-checks ----------------------------------------------------------------------------------


def test_self_checks_have_one_right_answer_and_feedback_everywhere():
    questions = json.loads((ROOT / "dronediplomacy" / "self_checks" / "new_exporters.json").read_text(encoding="utf-8"))
    assert 4 <= len(questions) <= 6
    for q in questions:
        assert sum(a.get("correct", False) for a in q["answers"]) == 1
        assert all(len(a["feedback"]) > 20 for a in q["answers"])


# --- prose matches data: each number is glued from a cell; the cell's value must equal the same
# quantity computed here independently ----------------------------------------------------------


def test_israel_leads_the_whole_period(transfers, glued):
    assert (
        "Of the {glue:text}`deals_1995_2024` drone deals SIPRI records as ordered from 1995 to 2024, "
        "Israel was the supplier in {glue:text}`israel_deals_1995_2024`, more than any other country"
    ) in chapter_prose(CHAPTER.name)
    deals = transfers[transfers.order_year.between(1995, 2024)]
    assert glued["deals_1995_2024"] == len(deals)
    assert glued["israel_deals_1995_2024"] == deals.supplier.value_counts()["ISR"]
    assert deals.supplier.value_counts().idxmax() == "ISR"


def test_israel_sells_mostly_unarmed_drones(transfers, glued):
    assert (
        "{glue:text}`israel_isr_deals` are for unarmed intelligence, surveillance and reconnaissance"
    ) in chapter_prose(CHAPTER.name)
    israel = transfers[transfers.supplier == "ISR"]
    classes = israel.drone_class.value_counts()
    assert (glued["israel_deals"], glued["israel_deals_before_1995"]) == (len(israel), (israel.order_year < 1995).sum())
    assert (glued["israel_isr_deals"], glued["israel_loitering_deals"], glued["israel_armed_deals"]) == (
        classes["ISR UAV"],
        classes["loitering munition"],
        classes["armed UAV"],
    )
    assert glued["israel_isr_deals"] > len(israel) / 2  # "mostly unarmed"


def test_turkey_leads_since_its_first_export_order(transfers, glued):
    assert (
        "In 2018–2024, by the course's count, Turkey signed more drone deals than any other supplier: "
        "{glue:text}`deals_2018_2024_TUR`"
    ) in chapter_prose(CHAPTER.name)
    assert transfers[transfers.supplier == "TUR"].order_year.min() == 2018
    counts = transfers[transfers.order_year.between(2018, 2024)].supplier.value_counts()
    assert [glued[f"deals_2018_2024_{c}"] for c in ("TUR", "USA", "ISR")] == [counts[c] for c in ("TUR", "USA", "ISR")]
    assert counts.idxmax() == "TUR" and counts.index[1:3].tolist() == ["USA", "ISR"]
    # exercise 4's question 3 asks for the shares of 2015-2024: no count of that period is shown
    assert "2015_2024" not in chapter_prose(CHAPTER.name) and "In 2015–2024" not in chapter_prose(CHAPTER.name)


def test_tb2_recipients_grew_most_after_karabakh_and_stay_below_baykars_claim(transfers, glued):
    assert (
        "the number of states Turkey had delivered TB2s to grew most in 2021 and 2022, after the Karabakh war, "
        "and by 2024 was still well below the 33 countries Baykar claimed"
    ) in chapter_prose(CHAPTER.name)
    tb2 = transfers[transfers.system_id == "bayraktar-tb2"]
    first = (
        tb2[tb2.supplier == "TUR"].dropna(subset=["first_delivery_year"]).groupby("recipient").first_delivery_year.min()
    )
    by_year = pd.Series({y: int((first <= y).sum()) for y in range(2019, 2025)})
    assert set(by_year.diff().nlargest(2).index) == {2021, 2022}
    assert by_year[2024] <= 33 - 5  # "well below": at least five short
    # exercise 4's question 2 asks for these counts: the prose and the self-checks give none of them
    assert "tb2_states_by" not in chapter_prose(CHAPTER.name)
    assert "Sudan received two TB2s from a supplier SIPRI could not identify" in chapter_prose(CHAPTER.name)
    assert tb2.dropna(subset=["first_delivery_year"]).recipient.nunique() == by_year[2024] + 1
    ordered_only = set(tb2[tb2.supplier == "TUR"].recipient) - set(first.index)
    assert ordered_only == {"BIH", "HRV", "IDN", "KWT", "NGA"}  # the five the prose names
    assert glued["tb2_ordered_not_delivered"] == len(ordered_only)


def test_first_tb2_export(transfers):
    assert "Turkey's first TB2 export went to Qatar, ordered in 2018 and delivered in 2019" in chapter_prose(
        CHAPTER.name
    )
    tb2 = transfers[(transfers.system_id == "bayraktar-tb2") & (transfers.supplier == "TUR")]
    first = tb2.sort_values(["order_year", "first_delivery_year", "recipient"]).iloc[0]
    assert (first.recipient, first.order_year, first.first_delivery_year) == ("QAT", 2018, 2019)


def test_akinci_recipients(transfers, glued):
    assert "By the end of 2024 SIPRI recorded Akinci deliveries to {glue:text}`akinci_states` states" in chapter_prose(
        CHAPTER.name
    )
    akinci = transfers[transfers.system_id == "bayraktar-akinci"].dropna(subset=["first_delivery_year"])
    assert glued["akinci_states"] == akinci.recipient.nunique()
    # the self-check's Akinci gap (in place of the TB2's, which exercise 4 asks for) uses the same count
    questions = json.loads((ROOT / "dronediplomacy" / "self_checks" / "new_exporters.json").read_text(encoding="utf-8"))
    akinci_gap = next(q for q in questions if "Akinci deliveries to" in q["question"])
    assert f"Akinci deliveries to {glued['akinci_states']} states by the end of 2024" in akinci_gap["question"]
    assert akinci_gap["answers"][0]["value"] == 9 - glued["akinci_states"]


def test_iran_few_deals_many_drones(transfers, glued):
    assert (
        "SIPRI records only {glue:text}`iran_deals` Iranian drone deals, but they delivered "
        "{glue:text}`iran_drones_delivered:,d` drones"
    ) in chapter_prose(CHAPTER.name)
    iran = transfers[transfers.supplier == "IRN"]
    assert (glued["iran_deals"], glued["iran_drones_delivered"]) == (len(iran), iran.number_delivered.sum())
    shahed = iran[(iran.recipient == "RUS") & (iran.designation == "Shahed-136")]
    assert (glued["shahed_russia_ordered"], glued["shahed_russia_delivered"]) == (
        shahed.number_ordered.sum(),
        shahed.number_delivered.sum(),
    )


def test_china_deals_and_clients(transfers, glued):
    """The chapter gives China's deals and the kind of buyer, not the number of different
    recipients: exercise 7 asks students to count those."""
    assert (
        "China signed {glue:text}`china_deals` drone deals, {glue:text}`china_armed_deals` of them for armed "
        "drones; every buyer SIPRI names in them is a state, and one deal went to an unknown recipient"
    ) in chapter_prose(CHAPTER.name)
    china = transfers[transfers.supplier == "CHN"]
    assert (glued["china_deals"], glued["china_armed_deals"]) == (len(china), (china.drone_class == "armed UAV").sum())
    non_states = china[china.recipient.str.startswith("X-")]
    assert list(non_states.recipient) == ["X-UNKNOWN"]
    assert "china_states" not in glued


def test_harpy_sale_to_china(transfers):
    assert "SIPRI records 50 Harpy drones delivered to China in the late 1990s" in chapter_prose(CHAPTER.name)
    harpy = transfers[
        (transfers.supplier == "ISR") & (transfers.recipient == "CHN") & (transfers.designation == "Harpy")
    ]
    assert harpy.number_delivered.sum() == 50 and set(harpy.delivery_years) == {"1998;1999"}


# --- in the browser ----------------------------------------------------------------------------------


def test_supplier_dropdown_recolours_the_map(reader):
    page = reader.open("chapters/04-new-exporters.html")
    figure = page.locator("figure.dd-chart").filter(has_text="Where the drones went").first
    before = chart_markup(figure)
    figure.locator("select").first.select_option("Iran")
    after = redrawn(figure, before, containing="recipients of Iran by")
    figure.locator("input[type=range]").first.fill("2010")
    redrawn(figure, after, containing="by 2010")


# The drawn matrix's width and the room its frame leaves it, read once the chart has stopped changing.
MATRIX_WIDTH_AND_ROOM = """(() => {
    const frame = Array.from(document.querySelectorAll('figure.dd-chart'))
        .find(f => f.textContent.includes('Heatmap with one row per recipient')).querySelector('.dd-vega');
    const style = getComputedStyle(frame);
    return [frame.querySelector('svg').getBoundingClientRect().width,
            frame.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
})()"""


# Europe and Asia have the most rows and the largest counts; a narrow window widened again used
# to leave the matrix wider than its frame, so each width is also reached from the other.
@pytest.mark.parametrize("widths", [(1280,), (375,), (375, 1280), (1280, 375)])
def test_matrix_fits_its_frame_for_the_largest_selections(reader, widths):
    page = reader.open("chapters/04-new-exporters.html", widths[0])
    figure = page.locator("figure.dd-chart").filter(has_text="Heatmap with one row per recipient").first
    overflows = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        for region in ["Europe", "Asia and Oceania", "Middle East"]:
            figure.locator("select").first.select_option(region)
            for period in ["all years", "2015–2024"]:
                figure.locator(f"input[type=radio][value='{period}']").check()
                for measure in ["deals", "drones delivered"]:
                    figure.locator(f"input[type=radio][value='{measure}']").check()
                    drawn, room = settled(page, MATRIX_WIDTH_AND_ROOM)
                    if drawn > room + 0.5:
                        overflows.append((width, region, period, measure, round(drawn), round(room)))
    assert overflows == []


def test_worked_chart_draws_offline_and_its_dropdown_responds(reader):
    before, after = redraw_after_choosing(
        reader, "chapters/04-new-exporters.html", 'Drones delivered, by recipient', 'USA'
    )
    assert '>SAU<' in before and '>UKR<' in after and '>UKR<' not in before
