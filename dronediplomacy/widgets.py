"""ipywidgets explorations for live notebooks (JupyterLab, Colab, Binder).

On the static site these need a kernel; the site's extension (_ext/ddsite) replaces them with a note
saying so. Each builder returns the widget; its logic lives in plain functions so the tests
can drive it without a browser.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import mtcr

CUSTOM = "(your own design)"
# Labels such as "Yearly support, share of price" in full, not cut at ipywidgets' default width.
LABELS = {"description_width": "initial"}


def _redraw_on_change(redraw, *controls) -> None:
    """Call `redraw` now and whenever one of the controls changes value."""
    for control in controls:
        control.observe(redraw, names="value")
    redraw()


def _log_slider(description: str, value: float, max_power: float) -> w.FloatLogSlider:
    """A slider from 1 to 10**max_power, for quantities spanning orders of magnitude."""
    return w.FloatLogSlider(
        value=value,
        base=10,
        min=0,
        max=max_power,
        step=0.01,
        description=description,
        readout_format=",.0f",
        style=LABELS,
    )


def _share_slider(description: str, value: float, maximum: float = 1.0, step: float = 0.05, **layout) -> w.FloatSlider:
    """A slider over a share, read out as a percentage."""
    return w.FloatSlider(
        value=value,
        min=0.0,
        max=maximum,
        step=step,
        description=description,
        readout_format=".0%",
        style=LABELS,
        **layout,
    )


def classification_report(payload_kg: float, range_km: float, max_speed_kmh: float) -> str:
    """HTML describing the MTCR category these figures imply and the rules that follow."""
    category = mtcr.mtcr_category(payload_kg, range_km)
    rules = "".join(
        f"<li><strong>{html.escape(r.regime)}:</strong> {html.escape(r.rule)}</li>"
        for r in mtcr.export_rules(payload_kg, range_km, max_speed_kmh)
    )
    return (
        f"<p>A drone carrying <strong>{payload_kg:,.0f} kg</strong> to "
        f"<strong>{range_km:,.0f} km</strong> at up to {max_speed_kmh:,.0f} km/h is "
        f"<strong>{html.escape(category)}</strong>.</p><ul>{rules}</ul>"
    )


def mtcr_classifier(systems: pd.DataFrame) -> w.VBox:
    """Sliders for payload, range and speed, or a real system as a starting point; shows the
    implied MTCR category and the export rules that follow."""
    known = systems.dropna(subset=["payload_kg", "range_km"]).sort_values("name")
    presets = {row.name: row for row in known.itertuples(index=False)}
    start = w.Dropdown(options=[CUSTOM, *presets], value=CUSTOM, description="Start from", style=LABELS)
    payload = _log_slider("Payload (kg)", 150, 4)
    reach = _log_slider("Range (km)", 150, 4.3)
    speed = w.IntSlider(value=220, min=50, max=1200, step=10, description="Max speed (km/h)", style=LABELS)
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
    _redraw_on_change(update, payload, reach, speed)
    return w.VBox([start, payload, reach, speed, report])


def systems_of_class(systems: pd.DataFrame, countries: pd.DataFrame, drone_class: str) -> pd.DataFrame:
    """The systems of one class with the facts a reader compares, best documented first."""
    names = countries.set_index("code")["name"]
    chosen = systems[systems["drone_class"] == drone_class]
    table = pd.DataFrame(
        {
            "system": chosen["name"],
            "maker": chosen["maker"].fillna("not identified"),
            "origin": chosen["origin"].map(names),
            "payload (kg)": chosen["payload_kg"],
            "range (km)": chosen["range_km"],
            "range is a": chosen["range_basis"],
            "MTCR category": chosen["mtcr_category"],
        }
    )
    known = table[["payload (kg)", "range (km)"]].notna().sum(axis=1)
    return table.assign(_known=known).sort_values(["_known", "system"], ascending=[False, True]).drop(columns="_known")


def drone_class_explorer(systems: pd.DataFrame, countries: pd.DataFrame) -> w.VBox:
    """Choose a drone class; see the systems of that class in the course data."""
    classes = sorted(systems["drone_class"].dropna().unique())
    choice = w.ToggleButtons(
        options=classes,
        value="armed UAV" if "armed UAV" in classes else classes[0],
        description="Class",
        style={"button_width": "auto"},
    )
    table = w.HTML()

    def show(*_):
        rows = systems_of_class(systems, countries, choice.value)
        table.value = (
            f"<p>{len(rows)} systems in the course data are classed as "
            f"<strong>{html.escape(choice.value)}</strong>; empty cells mean no public figure.</p>"
            + rows.to_html(index=False, na_rep="", float_format=lambda v: f"{v:,.0f}")
        )

    _redraw_on_change(show, choice)
    return w.VBox([choice, table])


def lifetime_costs(
    fleet: int, unit_price_m: float, support_share: float, years: int, from_supplier: float
) -> dict[str, float]:
    """Purchase versus the support that follows it, in millions: the 'tail' of a sale.

    support_share is the yearly support cost as a fraction of the purchase price;
    from_supplier the fraction of that support bought from the original supplier."""
    if min(fleet, unit_price_m, years) < 0 or not (0 <= support_share <= 1 and 0 <= from_supplier <= 1):
        raise ValueError("fleet, price and years cannot be negative; shares must be between 0 and 1")
    purchase = fleet * unit_price_m
    support = purchase * support_share * years
    lifetime = purchase + support
    return {
        "purchase": purchase,
        "support": support,
        "total": lifetime,
        "tail_share": support / lifetime if lifetime else 0.0,
        "to_supplier": purchase + support * from_supplier,
    }


def sustainment_calculator() -> w.VBox:
    """Sliders for a drone purchase and its support; shows how much of the lifetime cost comes
    after the sale and how much of it flows back to the supplier."""
    fleet = w.IntSlider(value=12, min=1, max=60, description="Drones bought", style=LABELS)
    price = w.FloatSlider(value=5.0, min=0.5, max=100, step=0.5, description="Unit price ($m)", style=LABELS)
    share = _share_slider("Yearly support, share of price", 0.10, maximum=0.5, step=0.01)
    years = w.IntSlider(value=15, min=1, max=30, description="Years in service", style=LABELS)
    supplier = _share_slider("Support bought from supplier", 0.7)
    report = w.HTML()

    def update(*_):
        r = lifetime_costs(fleet.value, price.value, share.value, years.value, supplier.value)
        report.value = (
            f"<p>Purchase <strong>${r['purchase']:,.0f}m</strong>; support over {years.value} years "
            f"<strong>${r['support']:,.0f}m</strong>. The tail is <strong>{r['tail_share']:.0%}</strong> "
            f"of the lifetime cost of ${r['total']:,.0f}m, and <strong>${r['to_supplier']:,.0f}m</strong> "
            f"flows to the supplier.</p>"
        )

    _redraw_on_change(update, fleet, price, share, years, supplier)
    return w.VBox([fleet, price, share, years, supplier, report])


def drone_imports_between(
    transfers: pd.DataFrame,
    countries: pd.DataFrame,
    first_year: int,
    last_year: int,
    drone_class: str = "All",
    recipients: tuple[str, ...] = ("AZE", "ARM"),
) -> pd.DataFrame:
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
    chosen = transfers[transfers["recipient"].isin(recipients) & transfers["order_year"].between(first_year, last_year)]
    if drone_class != "All":
        chosen = chosen[chosen["drone_class"] == drone_class]
    table = chosen.groupby(["recipient", "supplier", "drone_class"], as_index=False).agg(
        deals=("deal_id", "size"), ordered=("number_ordered", "sum"), delivered=("number_delivered", "sum")
    )
    table["supplier"] = table["supplier"].map(names)
    absent = [r for r in recipients if r not in set(table["recipient"])]
    table = pd.concat(
        [
            table,
            pd.DataFrame(
                {
                    "recipient": absent,
                    "supplier": ["none recorded"] * len(absent),
                    "drone_class": [""] * len(absent),
                    "deals": [0] * len(absent),
                    "ordered": [0] * len(absent),
                    "delivered": [0] * len(absent),
                }
            ),
        ],
        ignore_index=True,
    )
    table["recipient"] = table["recipient"].map(names)
    table[["deals", "ordered", "delivered"]] = table[["deals", "ordered", "delivered"]].fillna(0).astype(int)
    return table.sort_values(["recipient", "ordered"], ascending=[True, False]).reset_index(drop=True)


def karabakh_imports_explorer(transfers: pd.DataFrame, countries: pd.DataFrame) -> w.VBox:
    """A range of order years and a drone class; shows the drone deals Azerbaijan and Armenia
    each ordered in that period."""
    years = w.IntRangeSlider(
        value=(2007, 2020), min=1995, max=2024, description="Years of order", style=LABELS, layout=w.Layout(width="95%")
    )
    drone_class = w.Dropdown(
        options=["All", *sorted(transfers["drone_class"].dropna().unique())],
        value="All",
        description="Drone class",
        style=LABELS,
    )
    report = w.HTML()

    def update(*_):
        first, last = years.value
        table = drone_imports_between(transfers, countries, first, last, drone_class.value)
        totals = table.groupby("recipient")["ordered"].sum()
        summary = "; ".join(f"{html.escape(name)}: <strong>{n:,}</strong> drones ordered" for name, n in totals.items())
        report.value = f"<p>Orders placed {first}–{last} (SIPRI): {summary}.</p>" + table.to_html(
            index=False, escape=True
        )

    _redraw_on_change(update, years, drone_class)
    return w.VBox([years, drone_class, report])


COUNTER_DRONE_MEANS = ("guns", "interceptor drones", "missiles", "electronic warfare")


def campaign_costs(
    monthly: pd.DataFrame,
    first: str,
    last: str,
    mix: dict[str, float],
    cost_per_kill: dict[str, float],
    drone_cost: float,
) -> dict[str, float]:
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
    return {
        "months": len(period),
        "launched": launched,
        "downed": downed,
        "attacker_cost": attacker,
        "defender_cost": defender,
        "ratio": defender / attacker if attacker else float("nan"),
    }


def campaign_cost_explorer(monthly: pd.DataFrame) -> w.VBox:
    """Choose a period of the Air Force data and a mix of counter-drone means; see what the
    drones cost the attacker and what downing them cost the defender."""
    months = list(monthly["month"])
    period = w.SelectionRangeSlider(
        options=months,
        index=(months.index("2025-01"), months.index("2025-12"))
        if "2025-01" in months and "2025-12" in months
        else (0, len(months) - 1),
        description="Months",
        style=LABELS,
        layout={"width": "95%"},
    )
    drone = w.IntSlider(value=35_000, min=5_000, max=400_000, step=5_000, description="Drone cost ($)", style=LABELS)
    # Defaults: a 35 mm burst, 2-3 interceptor drones, one short-range missile, and no marginal cost
    # for jamming; each is an assumption the reader should change (chapter 6 gives the estimates).
    shares = {m: _share_slider(f"Share downed by {m}", v) for m, v in zip(COUNTER_DRONE_MEANS, (0.3, 0.2, 0.2, 0.3))}
    costs = {
        m: w.FloatText(value=v, description=f"Cost per kill, {m} ($)", style=LABELS)
        for m, v in zip(COUNTER_DRONE_MEANS, (20_000, 10_000, 1_000_000, 0))
    }
    report = w.HTML()

    def update(*_):
        try:
            r = campaign_costs(
                monthly,
                *period.value,
                {m: s.value for m, s in shares.items()},
                {m: c.value for m, c in costs.items()},
                drone.value,
            )
        except ValueError as problem:
            report.value = f"<p><strong>Check the inputs:</strong> {html.escape(str(problem))}.</p>"
            return
        report.value = (
            f"<p>{r['months']} months: <strong>{r['launched']:,.0f}</strong> drones launched, "
            f"<strong>{r['downed']:,.0f}</strong> reported downed. The drones cost the attacker about "
            f"<strong>${r['attacker_cost'] / 1e6:,.0f}m</strong>; downing them cost the defender about "
            f"<strong>${r['defender_cost'] / 1e6:,.0f}m</strong>, {r['ratio']:,.2f} times as much. "
            "Damage from the drones that got through is not counted.</p>"
        )

    _redraw_on_change(update, period, drone, *shares.values(), *costs.values())
    return w.VBox([period, drone, *shares.values(), *costs.values(), report])


def exporter_profile(
    transfers: pd.DataFrame, countries: pd.DataFrame, supplier: str, first_year: int, last_year: int
) -> dict:
    """One supplier's drone deals ordered from first_year to last_year: its share of all deals
    in those years, its clients (deals, drones delivered, systems, first order) and its first
    sales, earliest first."""
    names = countries.set_index("code")["name"]
    if supplier not in set(transfers["supplier"]):
        raise ValueError(f"{supplier!r} is not a supplier in the transfers table; use a code such as 'TUR'")
    if first_year > last_year:
        raise ValueError(f"the period must run forwards: {first_year} is after {last_year}")
    in_period = transfers[transfers["order_year"].between(first_year, last_year)]
    own = in_period[in_period["supplier"] == supplier].sort_values(["order_year", "deal_id"])
    clients = own.groupby("recipient", as_index=False).agg(
        deals=("deal_id", "size"),
        drones_delivered=("number_delivered", "sum"),
        systems=("designation", lambda s: ", ".join(dict.fromkeys(s))),
        first_order=("order_year", "min"),
    )
    clients.insert(0, "client", clients.pop("recipient").map(names))
    clients["drones_delivered"] = clients["drones_delivered"].fillna(0).astype(int)
    first_sales = own.drop_duplicates("recipient").head(5)
    return {
        "deals": len(own),
        "all_deals": len(in_period),
        "share_of_deals": len(own) / len(in_period) if len(in_period) else 0.0,
        "clients": clients.sort_values(["deals", "client"], ascending=[False, True]).reset_index(drop=True),
        "first_sales": pd.DataFrame(
            {"year": own["order_year"].astype(int), "client": own["recipient"].map(names), "system": own["designation"]}
        )
        .loc[first_sales.index]
        .reset_index(drop=True),
    }


def exporter_explorer(transfers: pd.DataFrame, countries: pd.DataFrame) -> w.VBox:
    """Choose a supplier and a period of order; see its clients, systems, share of all drone
    deals and first sales."""
    names = countries.set_index("code")["name"]
    busiest = transfers["supplier"].value_counts().head(12).index
    supplier = w.Dropdown(
        options=[(names[c], c) for c in busiest],
        value="TUR" if "TUR" in busiest else busiest[0],
        description="Supplier",
    )
    first, last = int(transfers["order_year"].min()), int(transfers["order_year"].max())
    period = w.IntRangeSlider(value=(1995, last), min=first, max=last, description="Ordered in", style=LABELS)
    report = w.HTML()

    def show(*_):
        p = exporter_profile(transfers, countries, supplier.value, *period.value)
        start, end = period.value
        if not p["deals"]:
            report.value = f"<p>No deals by {html.escape(names[supplier.value])} ordered in {start}–{end}.</p>"
            return
        firsts = "; ".join(f"{r.client} ({r.system}, {r.year})" for r in p["first_sales"].itertuples())
        report.value = (
            f"<p><strong>{html.escape(names[supplier.value])}</strong>: {p['deals']} of the "
            f"{p['all_deals']} drone deals ordered in {start}–{end} "
            f"(<strong>{p['share_of_deals']:.0%}</strong>), with {len(p['clients'])} clients. "
            f"First sales in the period: {html.escape(firsts)}.</p>" + p["clients"].to_html(index=False)
        )

    _redraw_on_change(show, supplier, period)
    return w.VBox([supplier, period, report])


def client_dependence(
    transfers: pd.DataFrame, countries: pd.DataFrame, recipient: str, first_year: int = 1995, last_year: int = 2024
) -> pd.DataFrame:
    """One recipient's drone suppliers for deals ordered in [first_year, last_year]: deals, drones
    ordered, each supplier's share of both, how many of its deals SIPRI marks as licensed
    production or aid (yes or possible), and its first and last year of order. Sorted with the
    main supplier (most deals, then most drones) first; empty if the recipient ordered nothing."""
    if first_year > last_year:
        raise ValueError(f"first_year ({first_year}) is after last_year ({last_year})")
    if recipient not in set(countries["code"]):
        raise ValueError(f"unknown country code {recipient!r}")
    names = countries.set_index("code")["name"]
    chosen = transfers[(transfers["recipient"] == recipient) & transfers["order_year"].between(first_year, last_year)]
    table = (
        chosen.assign(
            licensed=chosen["licensed_production"].isin(["yes", "possible"]),
            as_aid=chosen["aid"].isin(["yes", "possible"]),
            ordered=chosen["number_ordered"].fillna(0),
        )
        .groupby("supplier", as_index=False)
        .agg(
            deals=("deal_id", "size"),
            drones_ordered=("ordered", "sum"),
            licensed_production=("licensed", "sum"),
            aid=("as_aid", "sum"),
            first_order=("order_year", "min"),
            last_order=("order_year", "max"),
        )
    )
    counts = ["deals", "drones_ordered", "licensed_production", "aid", "first_order", "last_order"]
    table[counts] = table[counts].astype(int)
    table["share_of_deals"] = table["deals"] / table["deals"].sum() if len(table) else []
    drones = table["drones_ordered"].sum()
    table["share_of_drones"] = table["drones_ordered"] / drones if drones else 0.0
    table["supplier"] = table["supplier"].map(names)
    return table.sort_values(["deals", "drones_ordered"], ascending=False).reset_index(drop=True)


def client_dependence_explorer(transfers: pd.DataFrame, countries: pd.DataFrame) -> w.VBox:
    """Choose a recipient and a range of order years; see who supplied its drones, how much of its
    buying went to its main supplier, and which deals carried licensed production or aid."""
    names = countries.set_index("code")["name"]
    buyers = sorted(
        (
            (names[c], c)
            for c in transfers["recipient"].unique()
            if countries.set_index("code").loc[c, "kind"] != "unknown"
        ),
        key=lambda pair: pair[0],
    )
    recipient = w.Dropdown(
        options=buyers,
        value="MAR" if "MAR" in dict(buyers).values() else buyers[0][1],
        description="Recipient",
        style=LABELS,
    )
    years = w.IntRangeSlider(
        value=(1995, 2024), min=1990, max=2024, description="Years of order", style=LABELS, layout=w.Layout(width="95%")
    )
    report = w.HTML()

    def update(*_):
        first, last = years.value
        table = client_dependence(transfers, countries, recipient.value, first, last)
        name = html.escape(names[recipient.value])
        if table.empty:
            report.value = f"<p>SIPRI records no drone deals ordered by {name} in {first}–{last}.</p>"
            return
        main = table.iloc[0]
        report.value = (
            f"<p>{name}, orders {first}–{last}: <strong>{len(table)}</strong> supplier(s), "
            f"{table['deals'].sum()} deals. Main supplier: <strong>{html.escape(main['supplier'])}</strong>, "
            f"with <strong>{main['share_of_deals']:.0%}</strong> of the deals and {main['share_of_drones']:.0%} "
            f"of the drones ordered. Deals with licensed production (yes or possible): "
            f"{table['licensed_production'].sum()}; given as aid (yes or possible): {table['aid'].sum()}.</p>"
            + table.to_html(index=False, escape=True, float_format=lambda v: f"{v:.0%}")
        )

    _redraw_on_change(update, recipient, years)
    return w.VBox([recipient, years, report])


BEARING_WEIGHT = {"direct": 1.0, "partial": 0.5, "little": 0.0}


def policy_mix(tradeoffs: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """How far a mix of policy responses reaches each case of Chapter 9.

    `weights` gives each response an effort between 0 and 1 (responses left out count as 0).
    A case's coverage is the effort-weighted mean of how directly each response bears on it
    (direct 1, partial 0.5, little 0), so 1 means all the effort goes to responses that bear
    directly on that case. Also names the response doing most for each case."""
    responses = set(tradeoffs["response"])
    unknown = sorted(set(weights) - responses)
    if unknown:
        raise ValueError(f"unknown responses: {', '.join(unknown)}; choose from {', '.join(sorted(responses))}")
    if any(not 0 <= value <= 1 for value in weights.values()):
        raise ValueError("each weight must be between 0 and 1")
    total = sum(weights.values())
    if total == 0:
        raise ValueError("give at least one response a weight above 0")
    cases = tradeoffs[tradeoffs["case"] != "all cases"]
    effort = cases["response"].map(weights).fillna(0.0)
    reach = effort * cases["bearing"].map(BEARING_WEIGHT)
    table = (
        cases.assign(reach=reach)
        .groupby("case", sort=False)
        .agg(
            coverage=("reach", lambda r: float(r.sum() / total)),
            main_lever=("reach", lambda r: cases.loc[r.idxmax(), "response"] if r.max() > 0 else "none"),
        )
    )
    return table.reset_index().sort_values("coverage", ascending=False, kind="stable").reset_index(drop=True)


def counter_arguments(tradeoffs: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """The chapter's strongest counter-argument to each response given a weight above 0,
    heaviest first, with its source."""
    chosen = tradeoffs[(tradeoffs["aspect"] == "counter-argument") & (tradeoffs["response"].map(weights).fillna(0) > 0)]
    order = chosen["response"].map(weights)
    return (
        chosen.assign(weight=order)
        .sort_values("weight", ascending=False)[["response", "weight", "point", "source_label"]]
        .reset_index(drop=True)
    )


def policy_mix_explorer(tradeoffs: pd.DataFrame) -> w.VBox:
    """A slider per policy response (how much effort it gets); shows how far the mix reaches
    each case and the counter-arguments the chosen responses must answer."""
    start = {
        "sanctions and export controls": 0.5,
        "arming partners with drones": 0.5,
        "cheaper counter-drone defences": 0.5,
    }
    sliders = {
        r: _share_slider(r, start.get(r, 0.0), step=0.1, layout=w.Layout(width="95%"))
        for r in sorted(tradeoffs["response"].unique())
    }
    report = w.HTML()

    def update(*_):
        weights = {r: s.value for r, s in sliders.items()}
        try:
            reach = policy_mix(tradeoffs, weights)
        except ValueError as problem:
            report.value = f"<p><strong>Check the sliders:</strong> {html.escape(str(problem))}.</p>"
            return
        cases = "".join(
            f"<li><strong>{html.escape(r.case)}</strong>: coverage {r.coverage:.0%}"
            f" (main lever: {html.escape(r.main_lever)})</li>"
            for r in reach.itertuples()
        )
        objections = "".join(
            f"<li><em>{html.escape(r.response)}</em>: {html.escape(r.point)} ({html.escape(r.source_label)})</li>"
            for r in counter_arguments(tradeoffs, weights).itertuples()
        )
        report.value = (
            f"<p>How far this mix reaches each case (100% = all effort on responses that bear "
            f"directly on it):</p><ul>{cases}</ul><p>Counter-arguments your mix must answer:</p>"
            f"<ul>{objections}</ul>"
        )

    _redraw_on_change(update, *sliders.values())
    return w.VBox([*sliders.values(), report])


def risk_screen_explorer(
    transfers: pd.DataFrame, countries: pd.DataFrame, embargoes: pd.DataFrame, strikes: pd.DataFrame
) -> w.VBox:
    """Choose a recipient, a supplier and a year for a proposed drone sale; shows what the
    course data say a licensing officer would have to weigh (risk.risk_screen)."""
    from .risk import risk_screen

    names = countries.set_index("code")["name"]
    states = sorted(set(transfers["recipient"]) | set(embargoes["target"]) | set(strikes["operator_state"].dropna()))
    options = sorted(((names[c], c) for c in states if c in names.index), key=lambda pair: pair[0])
    recipient = w.Dropdown(options=options, value="ETH", description="Recipient", style=LABELS)
    makers = sorted(
        ((names[c], c) for c in set(transfers["supplier"]) if c in names.index and not c.startswith("X-")),
        key=lambda pair: pair[0],
    )
    supplier = w.Dropdown(
        options=[("(any supplier)", None), *makers], value="TUR", description="Supplier", style=LABELS
    )
    year = w.IntSlider(value=2022, min=1995, max=2026, description="Year of the sale", style=LABELS)
    report = w.HTML()

    def update(*_):
        try:
            screen = risk_screen(
                recipient.value,
                year.value,
                transfers,
                countries,
                embargoes,
                strikes,
                supplier.value if supplier.value != recipient.value else None,
            )
        except ValueError as problem:
            report.value = f"<p>{html.escape(str(problem))}</p>"
            return
        flags = "".join(f"<li>{html.escape(flag)}</li>" for flag in screen["flags"]) or "<li>none</li>"
        bought = ", ".join(screen["suppliers"]) or "none recorded by SIPRI"
        report.value = (
            f"<p>Screen for a sale to <strong>{html.escape(screen['recipient'])}</strong> in "
            f"{screen['year']}: <strong>{html.escape(screen['level'])}</strong>.</p>"
            f"<p>Drone suppliers so far: {html.escape(bought)}.</p><ul>{flags}</ul>"
            "<p>The screen reads only the course's small curated tables; a licensing officer "
            "would also weigh end-use assurances, the state's record beyond drones, and "
            "intelligence the course does not have.</p>"
        )

    _redraw_on_change(update, recipient, supplier, year)
    return w.VBox([recipient, supplier, year, report])


def design_footprint(
    uses: pd.DataFrame, countries: pd.DataFrame, origin: str | None, first_year: int, last_year: int
) -> pd.DataFrame:
    """Chapter 10: the documented uses, in any year from `first_year` to `last_year`, of drones
    designed in `origin` (a country code; None for every origin), with the names of users and
    suppliers, who claims each use and how sure the course is of it."""
    if first_year > last_year:
        raise ValueError("the first year must not be after the last year")
    origins = set(uses["design_origin"].dropna())
    if origin is not None and origin not in origins:
        raise ValueError(f"no drones designed in {origin} in the table; choose from {', '.join(sorted(origins))}")
    names = countries.set_index("code")["name"]
    chosen = uses[(uses["first_year"] <= last_year) & (uses["last_year"] >= first_year)]
    if origin is not None:
        chosen = chosen[chosen["design_origin"] == origin]
    return (
        pd.DataFrame(
            {
                "conflict": chosen["conflict"],
                "years": chosen["first_year"].astype(str) + "–" + chosen["last_year"].astype(str),
                "used by": chosen["user"].map(names),
                "drone": chosen["drone_type"],
                "supplied by": chosen["supplier"].map(names),
                "how obtained": chosen["supply"],
                "role": chosen["role"],
                "claimed by": chosen["claimed_by"],
                "confidence": chosen["confidence"],
            }
        )
        .sort_values(["conflict", "years"])
        .reset_index(drop=True)
    )


def design_footprint_explorer(uses: pd.DataFrame, countries: pd.DataFrame) -> w.VBox:
    """Choose a design origin and a span of years; lists where its drones fought, who used them,
    how they got them and who claims it."""
    names = countries.set_index("code")["name"]
    origins = sorted(((names[c], c) for c in set(uses["design_origin"].dropna())), key=lambda pair: pair[0])
    origin = w.Dropdown(
        options=[("(every design)", None), *origins], value="IRN", description="Designed in", style=LABELS
    )
    span = w.IntRangeSlider(value=(2022, 2026), min=2022, max=2026, description="Years", style=LABELS)
    report = w.HTML()

    def update(*_):
        try:
            table = design_footprint(uses, countries, origin.value, *span.value)
        except ValueError as problem:
            report.value = f"<p><strong>Check the controls:</strong> {html.escape(str(problem))}.</p>"
            return
        if table.empty:
            report.value = "<p>No documented use in those years.</p>"
            return
        report.value = (
            f"<p>{len(table)} documented uses in {table['conflict'].nunique()} wars, by "
            f"{table['used by'].nunique()} different users.</p>"
            + table.to_html(index=False, border=0, escape=True)
            + "<p>Many rows rest on one party's claims (see <em>claimed by</em>).</p>"
        )

    _redraw_on_change(update, origin, span)
    return w.VBox([origin, span, report])
