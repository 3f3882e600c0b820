"""ipywidgets explorations for live notebooks (JupyterLab, Colab, Binder).

On the static site these need a kernel; dronediplomacy.site replaces them with a note
saying so. Each builder returns the widget; its logic lives in plain functions so the tests
can drive it without a browser.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import mtcr

CUSTOM = "(your own design)"


def classification_report(payload_kg: float, range_km: float, max_speed_kmh: float) -> str:
    """HTML describing the MTCR category these figures imply and the rules that follow."""
    category = mtcr.mtcr_category(payload_kg, range_km)
    rules = "".join(f"<li><strong>{html.escape(r.regime)}:</strong> {html.escape(r.rule)}</li>"
                    for r in mtcr.export_rules(payload_kg, range_km, max_speed_kmh))
    return (f"<p>A drone carrying <strong>{payload_kg:,.0f} kg</strong> to "
            f"<strong>{range_km:,.0f} km</strong> at up to {max_speed_kmh:,.0f} km/h is "
            f"<strong>{html.escape(category)}</strong>.</p><ul>{rules}</ul>")


def mtcr_classifier(systems: pd.DataFrame) -> w.VBox:
    """Sliders for payload, range and speed, or a real system as a starting point; shows the
    implied MTCR category and the export rules that follow."""
    known = systems.dropna(subset=["payload_kg", "range_km"]).sort_values("name")
    presets = {row.name: row for row in known.itertuples(index=False)}
    start = w.Dropdown(options=[CUSTOM, *presets], value=CUSTOM, description="Start from",
                       style={"description_width": "initial"})
    payload = w.FloatLogSlider(value=150, base=10, min=0, max=4, step=0.01,
                               description="Payload (kg)", readout_format=",.0f",
                               style={"description_width": "initial"})
    reach = w.FloatLogSlider(value=150, base=10, min=0, max=4.3, step=0.01,
                             description="Range (km)", readout_format=",.0f",
                             style={"description_width": "initial"})
    speed = w.IntSlider(value=220, min=50, max=1200, step=10, description="Max speed (km/h)",
                        style={"description_width": "initial"})
    report = w.HTML()

    def update(*_):
        report.value = classification_report(payload.value, reach.value, speed.value)

    def preset(change):
        system = presets.get(change["new"])
        if system is None:
            return
        payload.value = float(system.payload_kg)
        reach.value = float(mtcr.mtcr_range_km(system.range_km, system.range_basis))
        if pd.notna(system.max_speed_kmh):
            speed.value = int(system.max_speed_kmh)

    start.observe(preset, names="value")
    for control in (payload, reach, speed):
        control.observe(update, names="value")
    update()
    return w.VBox([start, payload, reach, speed, report])


def systems_of_class(systems: pd.DataFrame, countries: pd.DataFrame, drone_class: str) -> pd.DataFrame:
    """The systems of one class with the facts a reader compares, best documented first."""
    names = countries.set_index("code")["name"]
    chosen = systems[systems["drone_class"] == drone_class]
    table = pd.DataFrame({
        "system": chosen["name"], "maker": chosen["maker"].fillna("not identified"),
        "origin": chosen["origin"].map(names), "payload (kg)": chosen["payload_kg"],
        "range (km)": chosen["range_km"], "range is a": chosen["range_basis"],
        "MTCR category": chosen["mtcr_category"],
    })
    known = table[["payload (kg)", "range (km)"]].notna().sum(axis=1)
    return table.assign(_known=known).sort_values(["_known", "system"], ascending=[False, True]).drop(columns="_known")


def drone_class_explorer(systems: pd.DataFrame, countries: pd.DataFrame) -> w.VBox:
    """Choose a drone class; see the systems of that class in the course data."""
    classes = sorted(systems["drone_class"].dropna().unique())
    choice = w.ToggleButtons(options=classes, value="armed UAV" if "armed UAV" in classes else classes[0],
                             description="Class", style={"button_width": "auto"})
    table = w.HTML()

    def show(*_):
        rows = systems_of_class(systems, countries, choice.value)
        table.value = (f"<p>{len(rows)} systems in the course data are classed as "
                       f"<strong>{html.escape(choice.value)}</strong>; empty cells mean no public figure.</p>"
                       + rows.to_html(index=False, na_rep="", float_format=lambda v: f"{v:,.0f}"))

    choice.observe(show, names="value")
    show()
    return w.VBox([choice, table])


def lifetime_costs(fleet: int, unit_price_m: float, support_share: float, years: int,
                   from_supplier: float) -> dict[str, float]:
    """Purchase versus the support that follows it, in millions: the 'tail' of a sale.

    support_share is the yearly support cost as a fraction of the purchase price;
    from_supplier the fraction of that support bought from the original supplier."""
    if min(fleet, unit_price_m, years) < 0 or not (0 <= support_share <= 1 and 0 <= from_supplier <= 1):
        raise ValueError("fleet, price and years cannot be negative; shares must be between 0 and 1")
    purchase = fleet * unit_price_m
    support = purchase * support_share * years
    total = purchase + support
    return {"purchase": purchase, "support": support, "total": total,
            "tail_share": support / total if total else 0.0,
            "to_supplier": purchase + support * from_supplier}


def sustainment_calculator() -> w.VBox:
    """Sliders for a drone purchase and its support; shows how much of the lifetime cost comes
    after the sale and how much of it flows back to the supplier."""
    style = {"description_width": "initial"}
    fleet = w.IntSlider(value=12, min=1, max=60, description="Drones bought", style=style)
    price = w.FloatSlider(value=5.0, min=0.5, max=100, step=0.5, description="Unit price ($m)", style=style)
    share = w.FloatSlider(value=0.10, min=0.0, max=0.5, step=0.01, description="Yearly support, share of price",
                          readout_format=".0%", style=style)
    years = w.IntSlider(value=15, min=1, max=30, description="Years in service", style=style)
    supplier = w.FloatSlider(value=0.7, min=0.0, max=1.0, step=0.05, description="Support bought from supplier",
                             readout_format=".0%", style=style)
    report = w.HTML()

    def update(*_):
        r = lifetime_costs(fleet.value, price.value, share.value, years.value, supplier.value)
        report.value = (f"<p>Purchase <strong>${r['purchase']:,.0f}m</strong>; support over {years.value} years "
                        f"<strong>${r['support']:,.0f}m</strong>. The tail is <strong>{r['tail_share']:.0%}</strong> "
                        f"of the lifetime cost of ${r['total']:,.0f}m, and <strong>${r['to_supplier']:,.0f}m</strong> "
                        f"flows to the supplier.</p>")

    for control in (fleet, price, share, years, supplier):
        control.observe(update, names="value")
    update()
    return w.VBox([fleet, price, share, years, supplier, report])


def drone_imports_between(transfers: pd.DataFrame, countries: pd.DataFrame, first_year: int, last_year: int,
                          drone_class: str = "All", recipients: tuple[str, ...] = ("AZE", "ARM")) -> pd.DataFrame:
    """Drone deals ordered in [first_year, last_year] by each recipient, per supplier and class
    (one class, or "All"). A recipient with no deals still gets a row, so an absence shows as
    zeros rather than disappearing from the table."""
    if first_year > last_year:
        raise ValueError(f"first_year ({first_year}) is after last_year ({last_year})")
    unknown = [r for r in recipients if r not in set(countries["code"])]
    if unknown:
        raise ValueError(f"unknown country codes: {', '.join(unknown)}")
    classes = set(transfers["drone_class"].dropna())
    if drone_class != "All" and drone_class not in classes:
        raise ValueError(f"unknown drone class {drone_class!r}; choose All or one of {sorted(classes)}")
    names = countries.set_index("code")["name"]
    chosen = transfers[transfers["recipient"].isin(recipients)
                       & transfers["order_year"].between(first_year, last_year)]
    if drone_class != "All":
        chosen = chosen[chosen["drone_class"] == drone_class]
    table = chosen.groupby(["recipient", "supplier", "drone_class"], as_index=False).agg(
        deals=("deal_id", "size"), ordered=("number_ordered", "sum"), delivered=("number_delivered", "sum"))
    table["supplier"] = table["supplier"].map(names)
    absent = [r for r in recipients if r not in set(table["recipient"])]
    table = pd.concat([table, pd.DataFrame({
        "recipient": absent, "supplier": ["none recorded"] * len(absent), "drone_class": [""] * len(absent),
        "deals": [0] * len(absent), "ordered": [0] * len(absent), "delivered": [0] * len(absent)})],
        ignore_index=True)
    table["recipient"] = table["recipient"].map(names)
    table[["deals", "ordered", "delivered"]] = table[["deals", "ordered", "delivered"]].fillna(0).astype(int)
    return table.sort_values(["recipient", "ordered"], ascending=[True, False]).reset_index(drop=True)


def karabakh_imports_explorer(transfers: pd.DataFrame, countries: pd.DataFrame) -> w.VBox:
    """A range of order years and a drone class; shows the drone deals Azerbaijan and Armenia
    each ordered in that period."""
    style = {"description_width": "initial"}
    years = w.IntRangeSlider(value=(2007, 2020), min=1995, max=2024, description="Years of order", style=style,
                             layout=w.Layout(width="95%"))
    drone_class = w.Dropdown(options=["All", *sorted(transfers["drone_class"].dropna().unique())],
                             value="All", description="Drone class", style=style)
    report = w.HTML()

    def update(*_):
        first, last = years.value
        table = drone_imports_between(transfers, countries, first, last, drone_class.value)
        totals = table.groupby("recipient")["ordered"].sum()
        summary = "; ".join(f"{html.escape(name)}: <strong>{n:,}</strong> drones ordered"
                            for name, n in totals.items())
        report.value = (f"<p>Orders placed {first}–{last} (SIPRI): {summary}.</p>"
                        + table.to_html(index=False, escape=True))

    years.observe(update, names="value")
    drone_class.observe(update, names="value")
    update()
    return w.VBox([years, drone_class, report])
COUNTER_DRONE_MEANS = ("guns", "interceptor drones", "missiles", "electronic warfare")


def campaign_costs(monthly: pd.DataFrame, first: str, last: str, mix: dict[str, float],
                   cost_per_kill: dict[str, float], drone_cost: float) -> dict[str, float]:
    """What a stretch of the air campaign cost each side, in US dollars.

    Over the months `first` to `last` ('YYYY-MM', inclusive) of the Air Force table, the
    attacker pays `drone_cost` for every one-way drone launched; the defender pays, for every
    drone reported downed (shot down or lost to electronic warfare), the cost per kill of the
    means that downed it, split by `mix` (shares of the drones downed, summing to 1)."""
    if set(mix) != set(COUNTER_DRONE_MEANS) or set(cost_per_kill) != set(COUNTER_DRONE_MEANS):
        raise ValueError(f"mix and cost_per_kill need exactly these keys: {', '.join(COUNTER_DRONE_MEANS)}")
    if any(share < 0 for share in mix.values()) or abs(sum(mix.values()) - 1) > 1e-6:
        raise ValueError("the shares of drones downed by each means must be 0 or more and add up to 100%")
    if drone_cost < 0 or any(cost < 0 for cost in cost_per_kill.values()):
        raise ValueError("costs cannot be negative")
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    period = monthly[(monthly["month"] >= first) & (monthly["month"] <= last)]
    if period.empty:
        raise ValueError(f"no months between {first} and {last} in the Air Force table")
    launched = float(period["one_way_drones_launched"].sum())
    downed = float(period["one_way_drones_destroyed"].sum() + period["one_way_drones_lost_to_ew"].fillna(0).sum())
    defender = downed * sum(mix[m] * cost_per_kill[m] for m in COUNTER_DRONE_MEANS)
    attacker = launched * drone_cost
    return {"months": len(period), "launched": launched, "downed": downed, "attacker_cost": attacker,
            "defender_cost": defender, "ratio": defender / attacker if attacker else float("nan")}


def campaign_cost_explorer(monthly: pd.DataFrame) -> w.VBox:
    """Choose a period of the Air Force data and a mix of counter-drone means; see what the
    drones cost the attacker and what downing them cost the defender."""
    style = {"description_width": "initial"}
    months = list(monthly["month"])
    period = w.SelectionRangeSlider(options=months, index=(months.index("2025-01"), months.index("2025-12"))
                                    if "2025-01" in months and "2025-12" in months else (0, len(months) - 1),
                                    description="Months", style=style, layout={"width": "95%"})
    drone = w.IntSlider(value=35_000, min=5_000, max=400_000, step=5_000, description="Drone cost ($)", style=style)
    # Defaults: a 35 mm burst, 2-3 interceptor drones, one short-range missile, and no marginal cost
    # for jamming; each is an assumption the reader should change (chapter 6 gives the estimates).
    shares = {m: w.FloatSlider(value=v, min=0, max=1, step=0.05, readout_format=".0%",
                               description=f"Share downed by {m}", style=style)
              for m, v in zip(COUNTER_DRONE_MEANS, (0.3, 0.2, 0.2, 0.3))}
    costs = {m: w.FloatText(value=v, description=f"Cost per kill, {m} ($)", style=style)
             for m, v in zip(COUNTER_DRONE_MEANS, (20_000, 10_000, 1_000_000, 0))}
    report = w.HTML()

    def update(*_):
        try:
            r = campaign_costs(monthly, *period.value, {m: s.value for m, s in shares.items()},
                               {m: c.value for m, c in costs.items()}, drone.value)
        except ValueError as problem:
            report.value = f"<p><strong>Check the inputs:</strong> {html.escape(str(problem))}.</p>"
            return
        report.value = (f"<p>{r['months']} months: <strong>{r['launched']:,.0f}</strong> drones launched, "
                        f"<strong>{r['downed']:,.0f}</strong> reported downed. The drones cost the attacker about "
                        f"<strong>${r['attacker_cost'] / 1e6:,.0f}m</strong>; downing them cost the defender about "
                        f"<strong>${r['defender_cost'] / 1e6:,.0f}m</strong>, {r['ratio']:,.2f} times as much. "
                        "Damage from the drones that got through is not counted.</p>")

    for control in (period, drone, *shares.values(), *costs.values()):
        control.observe(update, names="value")
    update()
    return w.VBox([period, drone, *shares.values(), *costs.values(), report])


def risk_screen_explorer(transfers: pd.DataFrame, countries: pd.DataFrame, embargoes: pd.DataFrame,
                         strikes: pd.DataFrame) -> w.VBox:
    """Choose a recipient, a supplier and a year for a proposed drone sale; shows what the
    course data say a licensing officer would have to weigh (risk.risk_screen)."""
    from .risk import risk_screen

    style = {"description_width": "initial"}
    names = countries.set_index("code")["name"]
    states = sorted(set(transfers["recipient"]) | set(embargoes["target"]) | set(strikes["operator_state"].dropna()))
    options = sorted(((names[c], c) for c in states if c in names.index), key=lambda pair: pair[0])
    recipient = w.Dropdown(options=options, value="ETH", description="Recipient", style=style)
    makers = sorted(((names[c], c) for c in set(transfers["supplier"]) if c in names.index and not c.startswith("X-")),
                    key=lambda pair: pair[0])
    supplier = w.Dropdown(options=[("(any supplier)", None), *makers], value="TUR", description="Supplier", style=style)
    year = w.IntSlider(value=2022, min=1995, max=2026, description="Year of the sale", style=style)
    report = w.HTML()

    def update(*_):
        try:
            screen = risk_screen(recipient.value, year.value, transfers, countries, embargoes, strikes,
                                 supplier.value if supplier.value != recipient.value else None)
        except ValueError as problem:
            report.value = f"<p>{html.escape(str(problem))}</p>"
            return
        flags = "".join(f"<li>{html.escape(flag)}</li>" for flag in screen["flags"]) or "<li>none</li>"
        bought = ", ".join(screen["suppliers"]) or "none recorded by SIPRI"
        report.value = (f"<p>Screen for a sale to <strong>{html.escape(screen['recipient'])}</strong> in "
                        f"{screen['year']}: <strong>{html.escape(screen['level'])}</strong>.</p>"
                        f"<p>Drone suppliers so far: {html.escape(bought)}.</p><ul>{flags}</ul>"
                        "<p>The screen reads only the course's small curated tables; a licensing officer "
                        "would also weigh end-use assurances, the state's record beyond drones, and "
                        "intelligence the course does not have.</p>")

    for control in (recipient, supplier, year):
        control.observe(update, names="value")
    update()
    return w.VBox([recipient, supplier, year, report])
