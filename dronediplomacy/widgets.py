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
