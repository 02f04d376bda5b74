-- Every indicator with a target for one unit and year, with last year's value for the trend arrow, the
-- indicator's levels (for their words), and for a target that no longer applies the indicator that replaced it.
-- params: unit_code, year
select
    i.id as indicator, i.name_vi, i.name_en, i."group", i.kind, i.display, i.direction,
    i.entity_vi, i.entity_en, i.position, i.levels,
    p.target_id, p.measure, p.actual, p.milestone, p.target_2030, p.gap, p.to_close, p.status,
    p.outlook_category, p.outlook_method, p.outlook_score, p.years_behind, p.evidence_years, p.coverage,
    p.carried_over, p.replaced_by, ri.name_vi as replaced_vi, ri.name_en as replaced_en,
    a.numerator, a.denominator,
    prev.actual as previous
from progress p
join indicators i on i.id = p.indicator
left join actuals a on a.unit_code = p.unit_code and a.year = p.year and a.indicator = p.indicator
left join targets rt on rt.id = p.replaced_by
left join indicators ri on ri.id = rt.indicator
left join progress prev on prev.target_id = p.target_id and prev.unit_code = p.unit_code and prev.year = p.year - 1
where p.unit_code = $1 and p.year = $2
order by i.position
