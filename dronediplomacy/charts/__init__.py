"""Chart builders for the chapters. Each returns an Altair chart with a title, a text
description (read by screen readers and shown under the chart on the site) and controls that
work in the browser without a kernel (Vega-Lite params bound to inputs, or legend selections).
"""

from .common import PALETTE

# One module per chapter, named by its slug (chapter 03-mtcr-export-gap: mtcr_export_gap.py);
# common.py holds what they share.
from .drones_in_modern_war import cost_ranges, drone_classes_over_time
from .arms_exports_statecraft import client_relationships, supplier_market_share
from .mtcr_export_gap import (
    armed_drone_clients,
    deals_by_supplier_status,
    mtcr_membership_timeline,
    mtcr_threshold_chart,
)
from .new_exporters import recipients_map, supplier_matrix
from .nagorno_karabakh_2020 import azerbaijan_drone_deals, karabakh_control_map, tb2_orders_around_war
from .ukraine import air_attacks_monthly, cost_exchange_calculator
from .levers_of_influence import client_base_growth, production_abroad_timeline
from .risks import civilian_harm_strikes, embargo_deals
from .policy_responses import armed_drone_competition, policy_explorer
from .essay_four_years_on import drones_in_conflicts, essay_scorecard

__all__ = [
    "PALETTE",
    "air_attacks_monthly",
    "armed_drone_clients",
    "armed_drone_competition",
    "azerbaijan_drone_deals",
    "civilian_harm_strikes",
    "client_base_growth",
    "client_relationships",
    "cost_exchange_calculator",
    "cost_ranges",
    "deals_by_supplier_status",
    "drone_classes_over_time",
    "drones_in_conflicts",
    "embargo_deals",
    "essay_scorecard",
    "karabakh_control_map",
    "mtcr_membership_timeline",
    "mtcr_threshold_chart",
    "policy_explorer",
    "production_abroad_timeline",
    "recipients_map",
    "supplier_market_share",
    "supplier_matrix",
    "tb2_orders_around_war",
]
