-- communes_in_scope: the communes valid in year $2 that are below unit $1, in Vietnamese order (report template rows).
select u.code, u.name
from unit_ancestors a
join unit_years u on u.code = a.descendant and u.year = a.year
where a.ancestor = $1 and a.year = $2 and u.tier = 'commune'
order by u.name collate vi, u.code
