-- Indicators with at least one judged child unit of a unit in one year (a map default that has data).
-- params: parent_code, year
select distinct p.indicator
from unit_ancestors x
join progress p on p.unit_code = x.descendant and p.year = x.year
where x.ancestor = $1 and x.year = $2 and x.depth > 0 and p.gap is not null
