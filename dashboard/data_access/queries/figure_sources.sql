-- The sources of the observations behind one unit's figures in one year (the unit and every unit under it), the
-- illustrative ones marked (demo files say so in their source). params: unit_code, year
select o.source, count(*) as n, (o.source ilike '%minh họa%' or o.source ilike '%illustrative%') as illustrative
from observations o
where o.year = $2
  and o.unit_code in (select descendant from unit_ancestors where ancestor = $1 and year = $2)
group by o.source
order by n desc, o.source
