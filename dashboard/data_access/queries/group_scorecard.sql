-- The scorecard restricted to one indicator group (e.g. 'danh_hieu', 'pho_cap').
-- params: unit_code, year, group
select i.id as indicator, i.name_vi, i.name_en, i.kind, i.direction, i.entity_vi, i.entity_en, i.position, i.levels,
       p.target_id, p.measure, p.actual, p.milestone, p.target_2030, p.gap, p.to_close, p.status,
       p.outlook_category, p.outlook_method, p.carried_over, p.replaced_by, ri.name_vi as replaced_vi,
       ri.name_en as replaced_en, a.numerator, a.denominator, prev.actual as previous,
       -- what most needs attention first: behind, then the other verdicts, each by the largest relative gap
       row_number() over (order by p.status <> 'behind', p.status <> 'met', relative_gap(p.gap, p.milestone) nulls last,
                          i.position) as attention
from progress p
join indicators i on i.id = p.indicator
left join actuals a on a.unit_code = p.unit_code and a.year = p.year and a.indicator = p.indicator
left join targets rt on rt.id = p.replaced_by
left join indicators ri on ri.id = rt.indicator
left join progress prev on prev.target_id = p.target_id and prev.unit_code = p.unit_code and prev.year = p.year - 1
where p.unit_code = $1 and p.year = $2 and i."group" = $3
order by i.position
