-- Every commune of a unit's area (code, name), for the collection template. params: unit_code (area), year
select u.code, u.name
from unit_ancestors a
join unit_years u on u.code = a.descendant and u.year = a.year
left join unit_years d on d.code = u.parent_code and d.year = u.year
where a.ancestor = $1 and a.year = $2 and a.descendant_tier = 'commune'
order by d.name collate vi, u.name collate vi
