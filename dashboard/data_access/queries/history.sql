-- Every year of one indicator at one unit (years before the programme included), with the source of each figure,
-- its release year and whether it is provisional or illustrative. Figures only: a verdict lives in `progress`.
-- params: unit_code, indicator
select a.year, a.value, a.numerator, a.denominator, a.share, a.origin, a.provisional, a.illustrative,
       s.title as source_title, s.released as source_released
from actuals a
left join sources s on s.id = a.source_id
where a.unit_code = $1 and a.indicator = $2
order by a.year
