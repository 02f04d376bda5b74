-- Indicators with at least one judged child unit of a unit in one year (a map default that has data): those judged
-- at the tier the map draws first ($3: 1 for the country's provinces; the finest tier when null, as a province's
-- or a district's map opens on communes: an indicator judged only for districts would draw them grey), then those
-- judged for the most units.
-- params: parent_code, year, map_depth
select p.indicator
from unit_ancestors x
join progress p on p.unit_code = x.descendant and p.year = x.year
where x.ancestor = $1 and x.year = $2 and x.depth > 0 and p.gap is not null
group by p.indicator
order by coalesce(bool_or(x.depth = $3), false) desc, max(x.depth) desc, count(*) desc, p.indicator
