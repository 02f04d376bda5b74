-- Reported (recognised) levels that differ from the level the rules derive from the reported data.
-- params: unit_code (area), year (NULL = all years)
select l.year, l.unit_code as code, u.name, u.tier, l.indicator, i.name_vi, i.name_en, i.levels,
       l.reported_level, l.derived_level, l.derived_complete
from unit_levels l
join unit_ancestors a on a.descendant = l.unit_code and a.year = l.year and a.ancestor = $1
join unit_years u on u.code = l.unit_code and u.year = l.year
join indicators i on i.id = l.indicator
where l.agrees = false and ($2 is null or l.year = $2)
order by l.year desc, u.name collate vi
