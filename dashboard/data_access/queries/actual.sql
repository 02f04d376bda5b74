-- One indicator's value at one unit in one year and the year before.
-- params: unit_code, indicator, year
select a.year, a.value, a.numerator, a.denominator, a.share, a.coverage
from actuals a where a.unit_code = $1 and a.indicator = $2 and a.year in ($3, $3 - 1)
order by a.year desc
