-- Units of one tier below a unit, counted by level of each standard, per parent.
-- params: unit_code, year, tier
select l.indicator, i.name_vi, i.name_en, i.levels, i.position, p.code as parent_code, p.name as parent_name,
       coalesce(l.level::varchar, '?') as level, count(*) as units
from unit_ancestors a
join unit_years u on u.code = a.descendant and u.year = a.year
join unit_years p on p.code = u.parent_code and p.year = u.year
join unit_levels l on l.unit_code = a.descendant and l.year = a.year
join indicators i on i.id = l.indicator
where a.ancestor = $1 and a.year = $2 and a.descendant_tier = $3
group by all
order by i.position, parent_name collate vi, level
