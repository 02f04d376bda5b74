-- Communes of a unit in a year that no map feature was joined to.
-- params: unit_code, year
select a.descendant as code, u.name
from unit_ancestors a join unit_years u on u.code = a.descendant and u.year = a.year
where a.ancestor = $1 and a.year = $2 and a.descendant_tier = 'commune'
  and not exists (select 1 from geo_features g where g.unit_code = a.descendant)
order by u.name collate vi
