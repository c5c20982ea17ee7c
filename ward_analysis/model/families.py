"""Indicator families: which targets of different units' resolutions measure the same thing.

Each ward writes its own resolution, so "Tỷ lệ người dân tham gia bảo hiểm y tế" is target
``4`` in one catalog and ``6`` in another. A target's ``family`` (in its catalog) names what
it measures, from the registry :data:`FAMILIES`; targets of one family are comparable:

- their trend priors are pooled across units (:func:`ward_analysis.model.panel.prior_key`);
- a merged unit's figure is rolled up from its predecessors' figures of the same family
  (:mod:`ward_analysis.model.rollup`), shares weighted by the family's ``weight`` — the
  denominator the share is a share *of* (households, population…), taken from the registry
  of units (``weights:`` of each unit, by year).

A family has one measure; a target of another measure in it is a catalog error.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import WardAnalysisError


@dataclass(frozen=True)
class Family:
    """One indicator family: its measure and, for a share, the denominator that weighs it."""

    code: str
    measure: str
    #: For a share: the code of the whole it is a share of (a key of :data:`WEIGHTS`).
    weight: str | None = None


#: The denominators a share can be weighted by; each unit gives them by year in the registry.
WEIGHTS = (
    "population",  # people living in the unit
    "households",  # households
    "labour_force",  # people of working age in the labour force
    "children_5",  # five-year-olds
    "school_age",  # children of school age
    "residential_groups",  # tổ dân phố / thôn
    "party_members",  # Party members
    "party_cells",  # Party cells (chi bộ)
    "officials",  # ward officials and civil servants
    "conscripts",  # the year's conscription quota
)

_F = Family
#: The registry, code → family. A new family is one line here.
FAMILIES: dict[str, Family] = {
    f.code: f
    for f in (
        _F("budget_revenue", "amount"),
        _F("alleys_paved", "count"),
        _F("alleys_paved_km", "length"),
        _F("roads_repaired", "count"),
        _F("roads_repaired_km", "length"),
        _F("roads_built_km", "length"),
        _F("street_lights", "count"),
        _F("population_growth", "share", "population"),
        _F("health_insurance", "share", "population"),
        _F("poor_households", "share", "households"),
        _F("near_poor_households", "share", "households"),
        _F("trained_workers", "share", "labour_force"),
        _F("jobs_created", "count"),
        _F("preschool_5", "share", "children_5"),
        _F("school_enrolment", "share", "school_age"),
        _F("cultural_groups", "share", "residential_groups"),
        _F("cultural_families", "share", "households"),
        _F("cultural_office", "boolean"),
        _F("clean_water", "share", "households"),
        _F("waste_collected", "share", "households"),
        _F("militia_quota", "share", "conscripts"),
        _F("drills_rating", "rating"),
        _F("security_standard", "boolean"),
        _F("new_party_members", "count"),
        _F("party_members_good", "share", "party_members"),
        _F("party_cells_good", "share", "party_cells"),
        _F("party_cells_committee", "share", "party_cells"),
        _F("party_cells_inspected", "share", "party_cells"),
        _F("party_members_inspected", "share", "party_members"),
        _F("officials_degree", "share", "officials"),
        _F("officials_theory", "share", "officials"),
        _F("front_heads_members", "share", "residential_groups"),
        _F("cell_secretary_heads", "share", "residential_groups"),
        _F("party_rating", "rating"),
        _F("government_rating", "rating"),
        _F("front_rating", "rating"),
        _F("mass_org_rating", "rating"),
        _F("digital_services", "share"),
    )
}


def get(code: str) -> Family:
    """The family ``code``, or an error naming the known ones."""
    try:
        return FAMILIES[code]
    except KeyError:
        raise WardAnalysisError(
            f"unknown indicator family '{code}' (known: {', '.join(sorted(FAMILIES))})"
        ) from None
