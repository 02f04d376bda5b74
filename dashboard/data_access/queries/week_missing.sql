-- Communes in a unit's area that sent no Week report for the year. params: unit_code (area), year
select u.code, u.name, d.name as parent_name
from unit_ancestors a
join unit_years u on u.code = a.descendant and u.year = a.year
left join unit_years d on d.code = u.parent_code and d.year = u.year
where a.ancestor = $1 and a.year = $2 and a.descendant_tier = 'commune'
  and not exists (select 1 from week_activities w where w.unit_code = a.descendant and w.year = a.year)
order by d.name collate vi, u.name collate vi
