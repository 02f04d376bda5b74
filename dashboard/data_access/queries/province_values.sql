-- Every province of one year (the country's map) with the value of one indicator: a province without a value
-- still has its row, drawn as "no data". params: indicator, year
select u.code as feature_id, u.code, u.name, p.actual, p.milestone, p.gap, p.to_close, p.status, p.measure,
       a.numerator, a.denominator, a.value
from unit_years u
left join progress p on p.unit_code = u.code and p.year = u.year and p.indicator = $1
left join actuals a on a.unit_code = u.code and a.year = u.year and a.indicator = $1
where u.parent_code = 'VN' and u.tier = 'province' and u.year = $2
order by u.name collate vi
