-- Every indicator with a target for one unit and year: the progress row with what the page needs to say it.
-- params: unit_code, year
select
    i.id as indicator, i.name_vi, i.name_en, i."group", i.kind, i.display, i.entity_vi, i.entity_en, i.position,
    p.target_id, p.measure, p.actual, p.milestone, p.target_value, p.gap, p.gap_entities, p.status,
    p.outlook_category, p.outlook_method, p.outlook_score, p.years_behind, p.evidence_years,
    a.numerator, a.denominator
from progress p
join indicators i on i.id = p.indicator
left join actuals a on a.unit_code = p.unit_code and a.year = p.year and a.indicator = p.indicator
where p.unit_code = ? and p.year = ?
order by i.position
