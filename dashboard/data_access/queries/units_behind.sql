-- The direct child units behind this year's milestone, per indicator, the largest relative gap first.
-- params: parent_code, year
select i.position, i.id as indicator, i.name_vi, i.name_en, i."group", i.kind, i.levels, i.entity_vi, i.entity_en,
       u.code, u.name, p.measure, p.actual, p.milestone, p.gap, p.to_close, a.numerator, a.denominator
from unit_years u
join progress p on p.unit_code = u.code and p.year = u.year
join indicators i on i.id = p.indicator
left join actuals a on a.unit_code = p.unit_code and a.year = p.year and a.indicator = p.indicator
where u.parent_code = $1 and u.year = $2 and p.status = 'behind'
order by i.position, relative_gap(p.gap, p.milestone), u.name collate vi
