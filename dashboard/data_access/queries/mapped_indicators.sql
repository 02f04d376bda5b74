-- Indicators with at least one judged child unit of a unit in one year (a map default that has data), those judged
-- at the finest tier first (the map opens on communes: an indicator judged only for districts would draw it grey),
-- then those judged for the most units.
-- params: parent_code, year
select p.indicator
from unit_ancestors x
join progress p on p.unit_code = x.descendant and p.year = x.year
where x.ancestor = $1 and x.year = $2 and x.depth > 0 and p.gap is not null
group by p.indicator
order by max(x.depth) desc, count(*) desc, p.indicator
