"""Chart builders for the chapters. Each returns an Altair chart with a title, a text
description (read by screen readers and shown under the chart on the site) and controls that
work in the browser without a kernel (Vega-Lite params bound to inputs, or legend selections).
"""

from .costs import cost_ranges
from .exporters import recipients_map, supplier_matrix
from .karabakh import azerbaijan_drone_deals, tb2_orders_around_war
from .levers import client_base_growth, production_abroad_timeline
from .market import client_relationships, drone_classes_over_time, supplier_market_share
__all__ = [
    "azerbaijan_drone_deals",
    "client_base_growth",
    "client_relationships",
    "cost_ranges",
    "drone_classes_over_time",
    "production_abroad_timeline",
    "recipients_map",
    "supplier_market_share",
    "supplier_matrix",
    "tb2_orders_around_war",
]
