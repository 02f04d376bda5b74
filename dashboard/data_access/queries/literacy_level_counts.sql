-- How many communes of a unit are at each literacy level (or above) this year, and last year for comparison.
-- One row per level > 0 of the indicator. previous is NULL when last year has no level for any commune, or
-- when last year was on the other side of the reform (its communes are not this year's: $4 = false).
-- params: unit_code, year, level indicator, compare with last year (boolean)
with communes as (
    select l.level, prev.level as previous_level
    from unit_ancestors c
    left join unit_levels l on l.unit_code = c.descendant and l.year = c.year and l.indicator = $3
    left join unit_levels prev on prev.unit_code = c.descendant and prev.year = c.year - 1 and prev.indicator = $3
    where c.ancestor = $1 and c.year = $2 and c.descendant_tier = 'commune'
),
levels as (
    select unnest(levels) as level from indicators where id = $3
)
select v.level,
       (select count(*) from communes) as total,
       (select count(*) from communes where level >= v.level) as now,
       case when $4 and (select count(previous_level) from communes) > 0
            then (select count(*) from communes where previous_level >= v.level) end as previous
from levels v
where v.level > 0
order by v.level
