-- A post-reform unit's values for the years before the reform, on its current boundaries (through the
-- crosswalk): ratios from comparable_ratios, levels re-derived in comparable_levels. params: unit_code, indicator
select year, value, coverage, apportioned
from comparable_ratios
where unit_code = $1 and indicator = $2
union all
select year, level::double, 1.0, null
from comparable_levels
where unit_code = $1 and indicator = $2 and level is not null
order by year
