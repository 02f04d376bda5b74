-- Every commune of a unit with its literacy level this year and last year.
-- params: unit_code, year, level indicator
select c.descendant as code, u.name, d.code as district_code, d.name as district_name, u.dbkk,
       l.level, l.derived_level, l.derived_complete, l.reported_level, prev.level as previous_level
from unit_ancestors c
join unit_years u on u.code = c.descendant and u.year = c.year
join unit_years d on d.code = u.parent_code and d.year = u.year
left join unit_levels l on l.unit_code = c.descendant and l.year = c.year and l.indicator = $3
left join unit_levels prev on prev.unit_code = c.descendant and prev.year = c.year - 1 and prev.indicator = $3
where c.ancestor = $1 and c.year = $2 and c.descendant_tier = 'commune'
order by d.name collate vi, u.name collate vi
