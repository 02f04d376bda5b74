-- The country's communes counted by literacy level, one row per province and level (the country's literacy page:
-- ~10.000 communes are read as provinces, not as tiles). Shaped as level_distribution.sql for the same chart.
-- params: year, level indicator
select p.code as parent_code, p.name as parent_name, coalesce(l.level::varchar, '?') as level, count(*) as units
from unit_ancestors c
join unit_ancestors a on a.descendant = c.descendant and a.year = c.year
join unit_years p on p.code = a.ancestor and p.year = a.year and p.tier = 'province'
left join unit_levels l on l.unit_code = c.descendant and l.year = c.year and l.indicator = $2
where c.ancestor = 'VN' and c.year = $1 and c.descendant_tier = 'commune'
group by all
order by parent_name collate vi, level
